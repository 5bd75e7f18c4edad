/**
 * Phone cameras store photos sideways and record how to turn them in the EXIF Orientation tag;
 * jpeg-js ignores it, so without this a portrait photo would appear on the box on its side.
 * Anything odd in the EXIF block means "no rotation": a bad tag must never stop a picture.
 */
import type { RgbaImage } from './rgba-image.js';

const ORIENTATION_TAG = 0x0112;

/** The EXIF orientation (1..8) of a JPEG, or 1 when there is none or it cannot be read. */
export function readJpegOrientation(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 2;
  while (pos + 4 <= bytes.length && bytes[pos] === 0xff) {
    const marker = bytes[pos + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) break; // image data: EXIF comes before it
    const length = view.getUint16(pos + 2);
    if (marker === 0xe1 && isExif(bytes, pos + 4))
      return orientationFromTiff(view, pos + 10, pos + 2 + length);
    pos += 2 + length;
  }
  return 1;
}

function isExif(bytes: Uint8Array, at: number): boolean {
  return String.fromCharCode(...bytes.subarray(at, at + 6)) === 'Exif\0\0';
}

function orientationFromTiff(view: DataView, tiff: number, end: number): number {
  const limit = Math.min(end, view.byteLength);
  if (tiff + 8 > limit) return 1;
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return 1;
  const little = order === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > limit) return 1;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > limit) return 1;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

/** Turns the decoded pixels the way the orientation says, so the picture stands upright. */
export function applyOrientation(image: RgbaImage, orientation: number): RgbaImage {
  if (orientation <= 1 || orientation > 8) return image;
  const { width: w, height: h } = image;
  const swaps = orientation >= 5; // 5..8 turn a quarter: width and height trade places
  const outWidth = swaps ? h : w;
  const outHeight = swaps ? w : h;
  const source = sourceOf(orientation, w, h);
  const source32 = new Uint32Array(
    image.rgba.buffer.slice(image.rgba.byteOffset, image.rgba.byteOffset + w * h * 4),
  );
  const out32 = new Uint32Array(outWidth * outHeight);
  for (let y = 0; y < outHeight; y += 1) {
    for (let x = 0; x < outWidth; x += 1) {
      const [sx, sy] = source(x, y);
      out32[y * outWidth + x] = source32[sy * w + sx] ?? 0;
    }
  }
  return { width: outWidth, height: outHeight, rgba: new Uint8Array(out32.buffer) };
}

/** For an output pixel, the source pixel it shows (EXIF 2.3, tag 0x0112). */
function sourceOf(orientation: number, w: number, h: number): (x: number, y: number) => [number, number] {
  switch (orientation) {
    case 2:
      return (x, y) => [w - 1 - x, y]; // mirrored
    case 3:
      return (x, y) => [w - 1 - x, h - 1 - y]; // upside down
    case 4:
      return (x, y) => [x, h - 1 - y]; // mirrored upside down
    case 5:
      return (x, y) => [y, x]; // transposed
    case 6:
      return (x, y) => [y, h - 1 - x]; // turn a quarter clockwise
    case 7:
      return (x, y) => [w - 1 - y, h - 1 - x]; // transversed
    default:
      return (x, y) => [w - 1 - y, x]; // 8: turn a quarter anticlockwise
  }
}
