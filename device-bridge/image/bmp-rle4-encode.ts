/**
 * Writes a 4-bit BI_RLE4 BMP the way Lunii boxes are known to accept it (Lunii.QT's layout):
 * 40-byte INFO header, 16-entry palette, pixel data at 0x76, bottom-up rows, encoded-mode runs
 * only (count ≤ 255, both nibbles the same colour), `00 00` after every row but the last, then
 * `00 01`. Absolute mode is never used: it needs 16-bit padding that some writers get wrong and
 * that no shipped Lunii pack is known to rely on.
 */
export interface IndexedImage {
  width: number;
  height: number;
  /** One palette index (0..15) per pixel, top row first. */
  indices: Uint8Array;
  /** RGB triplets, at most 16; missing entries are written black. */
  palette: Uint8Array;
}

const FILE_HEADER_SIZE = 14;
const INFO_HEADER_SIZE = 40;
const PALETTE_SIZE = 16 * 4;
export const RLE4_DATA_OFFSET = FILE_HEADER_SIZE + INFO_HEADER_SIZE + PALETTE_SIZE; // 0x76
const BI_RLE4 = 2;
const MAX_RUN = 255;

export function encodeRle4Bmp(image: IndexedImage): Uint8Array {
  if (image.palette.length > 16 * 3)
    throw new RangeError(`an RLE4 palette holds 16 colours, not ${image.palette.length / 3}`);
  if (image.indices.length !== image.width * image.height)
    throw new RangeError('indices do not match width × height');
  const rle = encodeRle4Rows(image.indices, image.width, image.height);
  const file = new Uint8Array(RLE4_DATA_OFFSET + rle.length);
  writeHeaders(new DataView(file.buffer), image.width, image.height, rle.length);
  for (let i = 0; i < 16; i += 1) {
    // Palette entries are stored blue, green, red, reserved.
    file[FILE_HEADER_SIZE + INFO_HEADER_SIZE + i * 4] = image.palette[i * 3 + 2] ?? 0;
    file[FILE_HEADER_SIZE + INFO_HEADER_SIZE + i * 4 + 1] = image.palette[i * 3 + 1] ?? 0;
    file[FILE_HEADER_SIZE + INFO_HEADER_SIZE + i * 4 + 2] = image.palette[i * 3] ?? 0;
  }
  file.set(rle, RLE4_DATA_OFFSET);
  return file;
}

/** Field values follow Lunii.QT's writer, whose files play on real boxes (resolution and colour counts 0). */
function writeHeaders(view: DataView, width: number, height: number, dataSize: number): void {
  view.setUint8(0, 0x42); // 'B'
  view.setUint8(1, 0x4d); // 'M'
  view.setUint32(2, RLE4_DATA_OFFSET + dataSize, true);
  view.setUint32(10, RLE4_DATA_OFFSET, true);
  view.setUint32(14, INFO_HEADER_SIZE, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true); // positive: rows bottom-up
  view.setUint16(26, 1, true); // planes
  view.setUint16(28, 4, true); // bits per pixel
  view.setUint32(30, BI_RLE4, true);
  view.setUint32(34, dataSize, true);
}

function encodeRle4Rows(indices: Uint8Array, width: number, height: number): Uint8Array {
  // Worst case: a 2-byte run per pixel, 2 bytes per row end, 2 for the end of bitmap.
  const out = new Uint8Array(height * (width * 2 + 2) + 2);
  let pos = 0;
  for (let fileRow = 0; fileRow < height; fileRow += 1) {
    const row = height - 1 - fileRow;
    let x = 0;
    while (x < width) {
      const value = indices[row * width + x] ?? 0;
      if (value > 15) throw new RangeError(`palette index ${value} does not fit in 4 bits`);
      let run = 1;
      while (run < MAX_RUN && x + run < width && indices[row * width + x + run] === value) run += 1;
      out[pos++] = run;
      out[pos++] = (value << 4) | value;
      x += run;
    }
    if (fileRow < height - 1) pos += 2; // 00 00: end of line (bytes are already zero)
  }
  out[pos++] = 0;
  out[pos++] = 1; // end of bitmap
  return out.slice(0, pos);
}
