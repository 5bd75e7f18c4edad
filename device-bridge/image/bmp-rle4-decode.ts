/**
 * Expands BMP run-length data (BI_RLE4, and BI_RLE8 which differs only in pixel width)
 * into one palette index per pixel. Every run is bounds-checked before it is written:
 * a run that passes the end of its row or of the bitmap is a corrupt file, never a write
 * outside the buffer.
 */
import { LuniiImageError } from './lunii-image-error.js';

export interface RleBitmap {
  /** The RLE stream: from the BMP's pixel-data offset to the end of the file. */
  data: Uint8Array;
  width: number;
  height: number;
  bits: 4 | 8;
  /** Rows in file order run from the top (negative BMP height); normally bottom-up. */
  topDown: boolean;
}

/** Returns width × height palette indices, top row first. Skipped pixels (delta) stay index 0. */
export function expandBmpRle(bitmap: RleBitmap): Uint8Array {
  const { data, width, height, bits } = bitmap;
  const name = bits === 4 ? 'RLE4' : 'RLE8';
  const out = new Uint8Array(width * height);
  const corrupt = (problem: string): LuniiImageError =>
    new LuniiImageError('corrupt-image', `The BMP's ${name} data is corrupt: ${problem}.`);
  let pos = 0;
  let x = 0;
  let y = 0; // rows in file order
  const rowStart = (): number => (bitmap.topDown ? y : height - 1 - y) * width;
  const claim = (count: number): number => {
    if (y >= height) throw corrupt(`a run of ${count} pixels comes after the last of ${height} rows`);
    if (x + count > width) {
      throw corrupt(`a run of ${count} pixels at column ${x} passes the end of the ${width}-pixel row ${y}`);
    }
    const start = rowStart() + x;
    x += count;
    return start;
  };

  while (pos + 2 <= data.length) {
    const first = data[pos] ?? 0;
    const second = data[pos + 1] ?? 0;
    pos += 2;
    if (first > 0) {
      // Encoded mode: `first` pixels; RLE4 alternates the byte's two nibbles.
      const start = claim(first);
      if (bits === 8) out.fill(second, start, start + first);
      else for (let i = 0; i < first; i += 1) out[start + i] = i % 2 === 0 ? second >> 4 : second & 0x0f;
      continue;
    }
    if (second === 0) {
      x = 0;
      y += 1;
    } else if (second === 1) {
      return out;
    } else if (second === 2) {
      if (pos + 2 > data.length) break;
      x += data[pos] ?? 0;
      y += data[pos + 1] ?? 0;
      pos += 2;
      if (x > width || y > height) throw corrupt(`a delta moves outside the ${width}×${height} bitmap`);
    } else {
      pos = readAbsolute(data, pos, second, bits, out, claim, corrupt);
    }
  }
  throw corrupt(`the data ends without an end-of-bitmap marker (after row ${y} of ${height})`);
}

/** Absolute mode: `count` literal pixels, padded to a 16-bit boundary. Returns the new position. */
function readAbsolute(
  data: Uint8Array,
  pos: number,
  count: number,
  bits: 4 | 8,
  out: Uint8Array,
  claim: (count: number) => number,
  corrupt: (problem: string) => LuniiImageError,
): number {
  const byteCount = bits === 8 ? count : Math.ceil(count / 2);
  if (pos + byteCount > data.length)
    throw corrupt(`an absolute run of ${count} pixels is cut off by the end of the file`);
  const start = claim(count);
  for (let i = 0; i < count; i += 1) {
    if (bits === 8) out[start + i] = data[pos + i] ?? 0;
    else {
      const byte = data[pos + (i >> 1)] ?? 0;
      out[start + i] = i % 2 === 0 ? byte >> 4 : byte & 0x0f;
    }
  }
  return pos + byteCount + (byteCount % 2);
}
