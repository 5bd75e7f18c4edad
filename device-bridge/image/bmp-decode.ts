/**
 * Decodes Windows/OS2 BMP files ourselves (no common npm decoder covers RLE4, which is what
 * a Lunii holds): 1/4/8/16/24/32 bits per pixel, BI_RGB, BI_RLE4, BI_RLE8, BI_BITFIELDS,
 * top-down and bottom-up. Every offset is checked against the file length before it is read.
 */
import { expandBmpRle } from './bmp-rle4-decode.js';
import { LuniiImageError } from './lunii-image-error.js';
import type { RgbaImage } from './rgba-image.js';

const BI_RGB = 0;
const BI_RLE8 = 1;
const BI_RLE4 = 2;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;

interface BmpInfo {
  width: number;
  height: number;
  topDown: boolean;
  bitsPerPixel: number;
  compression: number;
  dataOffset: number;
  /** Palette as packed 0xRRGGBB, for 1/4/8 bpp. */
  palette: Uint32Array;
  masks: { r: number; g: number; b: number; a: number };
}

function corrupt(problem: string): LuniiImageError {
  return new LuniiImageError('corrupt-image', `The BMP file is corrupt: ${problem}.`);
}

function unsupported(problem: string): LuniiImageError {
  return new LuniiImageError('unsupported-image', `The BMP uses ${problem}, which Talemo does not read.`);
}

export function decodeBmp(bytes: Uint8Array): RgbaImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const info = readBmpInfo(view);
  const { width, height } = info;
  if (info.compression === BI_RLE4 || info.compression === BI_RLE8) {
    const bits = info.compression === BI_RLE4 ? 4 : 8;
    if (info.bitsPerPixel !== bits) {
      throw corrupt(`it says ${bits === 4 ? 'RLE4' : 'RLE8'} with ${info.bitsPerPixel} bits per pixel`);
    }
    const indices = expandBmpRle({
      data: bytes.subarray(info.dataOffset),
      width,
      height,
      bits,
      topDown: info.topDown,
    });
    return { width, height, rgba: indicesToRgba(indices, info.palette) };
  }
  return { width, height, rgba: decodeUncompressed(bytes, view, info) };
}

function readBmpInfo(view: DataView): BmpInfo {
  if (view.byteLength < 26) throw corrupt('it ends inside its header');
  const dataOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  if (14 + headerSize > view.byteLength) throw corrupt(`its ${headerSize}-byte header is cut off`);
  if (headerSize === 12) return readCoreInfo(view, dataOffset);

  const rawHeight = view.getInt32(22, true);
  const bitsPerPixel = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  if (headerSize === 64 && compression >= BI_BITFIELDS) unsupportedOs2(compression);
  const hasMaskFields = compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS;
  // A 40-byte INFO header keeps its masks just after it; V2+ headers hold them inside.
  const trailingMasks =
    headerSize === 40 && hasMaskFields ? (compression === BI_ALPHABITFIELDS ? 16 : 12) : 0;
  const masksAt = 14 + 40;
  if (hasMaskFields && masksAt + 12 > view.byteLength) throw corrupt('its colour masks are cut off');
  const alphaInHeader = headerSize >= 56 || compression === BI_ALPHABITFIELDS;
  const masks = hasMaskFields
    ? {
        r: view.getUint32(masksAt, true),
        g: view.getUint32(masksAt + 4, true),
        b: view.getUint32(masksAt + 8, true),
        a: alphaInHeader && masksAt + 16 <= view.byteLength ? view.getUint32(masksAt + 12, true) : 0,
      }
    : defaultMasks(bitsPerPixel);
  return {
    width: view.getInt32(18, true),
    height: Math.abs(rawHeight),
    topDown: rawHeight < 0,
    bitsPerPixel,
    compression,
    dataOffset,
    palette: readPalette(
      view,
      14 + headerSize + trailingMasks,
      4,
      view.getUint32(46, true),
      bitsPerPixel,
      dataOffset,
    ),
    masks,
  };
}

function unsupportedOs2(compression: number): never {
  throw unsupported(`OS/2 compression ${compression === 3 ? 'Huffman 1D' : `type ${compression}`}`);
}

function readCoreInfo(view: DataView, dataOffset: number): BmpInfo {
  const bitsPerPixel = view.getUint16(24, true);
  return {
    width: view.getUint16(18, true),
    height: view.getUint16(20, true),
    topDown: false,
    bitsPerPixel,
    compression: BI_RGB,
    dataOffset,
    palette: readPalette(view, 26, 3, 0, bitsPerPixel, dataOffset),
    masks: defaultMasks(bitsPerPixel),
  };
}

function defaultMasks(bitsPerPixel: number): BmpInfo['masks'] {
  // BI_RGB 16-bit is 5-5-5; 32-bit is BGRX whose fourth byte Windows ignores.
  if (bitsPerPixel === 16) return { r: 0x7c00, g: 0x03e0, b: 0x001f, a: 0 };
  return { r: 0xff0000, g: 0x00ff00, b: 0x0000ff, a: 0 };
}

function readPalette(
  view: DataView,
  start: number,
  entrySize: 3 | 4,
  declared: number,
  bitsPerPixel: number,
  dataOffset: number,
): Uint32Array {
  if (bitsPerPixel > 8) return new Uint32Array(0);
  const maxEntries = 1 << bitsPerPixel;
  if (declared > maxEntries)
    throw corrupt(`it declares ${declared} palette colours for ${bitsPerPixel}-bit pixels`);
  // Writers that leave the count at 0 mean "all"; some still store fewer, up to the pixel data.
  const room = Math.floor((Math.min(dataOffset, view.byteLength) - start) / entrySize);
  const count = declared > 0 ? declared : Math.max(0, Math.min(maxEntries, room));
  if (start + count * entrySize > view.byteLength) throw corrupt(`its ${count}-colour palette is cut off`);
  const palette = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) {
    const at = start + i * entrySize;
    palette[i] = (view.getUint8(at + 2) << 16) | (view.getUint8(at + 1) << 8) | view.getUint8(at);
  }
  return palette;
}

function indicesToRgba(indices: Uint8Array, palette: Uint32Array): Uint8Array {
  const rgba = new Uint8Array(indices.length * 4);
  for (let i = 0; i < indices.length; i += 1) {
    const index = indices[i] ?? 0;
    const colour = palette[index];
    if (colour === undefined)
      throw corrupt(`a pixel uses colour ${index} of a ${palette.length}-colour palette`);
    rgba[i * 4] = colour >> 16;
    rgba[i * 4 + 1] = (colour >> 8) & 0xff;
    rgba[i * 4 + 2] = colour & 0xff;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

function decodeUncompressed(bytes: Uint8Array, view: DataView, info: BmpInfo): Uint8Array {
  const { width, height, bitsPerPixel: bpp, compression } = info;
  if (compression !== BI_RGB && compression !== BI_BITFIELDS && compression !== BI_ALPHABITFIELDS) {
    throw unsupported(
      compression === 4
        ? 'embedded JPEG data'
        : compression === 5
          ? 'embedded PNG data'
          : `compression type ${compression}`,
    );
  }
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) throw unsupported(`${bpp} bits per pixel`);
  if (compression !== BI_RGB && bpp !== 16 && bpp !== 32)
    throw corrupt(`it has colour masks with ${bpp} bits per pixel`);
  const stride = Math.ceil((width * bpp) / 32) * 4;
  // The last row's padding is often left out, so only its pixel bytes must be present.
  const needed = info.dataOffset + stride * (height - 1) + Math.ceil((width * bpp) / 8);
  if (needed > bytes.length) {
    throw corrupt(`its pixel data is cut off (${needed} bytes needed, the file has ${bytes.length})`);
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let fileRow = 0; fileRow < height; fileRow += 1) {
    const row = info.topDown ? fileRow : height - 1 - fileRow;
    const source = info.dataOffset + fileRow * stride;
    if (bpp <= 8)
      decodeIndexedRow(
        bytes,
        source,
        bpp,
        info.palette,
        rgba.subarray(row * width * 4, (row + 1) * width * 4),
      );
    else if (bpp === 24) decodeBgrRow(bytes, source, rgba.subarray(row * width * 4, (row + 1) * width * 4));
    else
      decodeMaskedRow(view, source, bpp, info.masks, rgba.subarray(row * width * 4, (row + 1) * width * 4));
  }
  if (info.masks.a !== 0) makeOpaqueIfAllTransparent(rgba);
  return rgba;
}

function decodeIndexedRow(
  bytes: Uint8Array,
  source: number,
  bpp: number,
  palette: Uint32Array,
  out: Uint8Array,
): void {
  const perByte = 8 / bpp;
  const mask = (1 << bpp) - 1;
  const indices = new Uint8Array(out.length / 4);
  for (let x = 0; x < indices.length; x += 1) {
    const byte = bytes[source + Math.floor(x / perByte)] ?? 0;
    const shift = 8 - bpp * ((x % perByte) + 1);
    indices[x] = (byte >> shift) & mask;
  }
  out.set(indicesToRgba(indices, palette));
}

function decodeBgrRow(bytes: Uint8Array, source: number, out: Uint8Array): void {
  for (let x = 0; x < out.length / 4; x += 1) {
    out[x * 4] = bytes[source + x * 3 + 2] ?? 0;
    out[x * 4 + 1] = bytes[source + x * 3 + 1] ?? 0;
    out[x * 4 + 2] = bytes[source + x * 3] ?? 0;
    out[x * 4 + 3] = 255;
  }
}

function decodeMaskedRow(
  view: DataView,
  source: number,
  bpp: number,
  masks: BmpInfo['masks'],
  out: Uint8Array,
): void {
  const channels = [masks.r, masks.g, masks.b].map(maskChannel);
  const alpha = masks.a !== 0 ? maskChannel(masks.a) : undefined;
  for (let x = 0; x < out.length / 4; x += 1) {
    const value = bpp === 16 ? view.getUint16(source + x * 2, true) : view.getUint32(source + x * 4, true);
    for (let c = 0; c < 3; c += 1) out[x * 4 + c] = channels[c]?.(value) ?? 0;
    out[x * 4 + 3] = alpha ? alpha(value) : 255;
  }
}

/**
 * Turns a bit mask into a function that extracts its field as 0..255. Narrow fields are widened
 * by repeating their bits (5-bit 28 → 231), as ffmpeg and most decoders do, so 0 and the field's
 * maximum map to 0 and 255 exactly.
 */
function maskChannel(mask: number): (value: number) => number {
  if (mask === 0) return () => 0;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift += 1;
  const bits = 32 - Math.clz32(mask >>> shift);
  return (value) => {
    const field = ((value & mask) >>> 0) >>> shift;
    if (bits >= 8) return field >>> (bits - 8);
    let wide = field << (8 - bits);
    for (let filled = bits; filled < 8; filled *= 2) wide |= wide >> filled;
    return wide;
  };
}

/** Many 32-bit writers declare an alpha mask yet leave every alpha at 0: that means opaque. */
function makeOpaqueIfAllTransparent(rgba: Uint8Array): void {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) return;
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
}
