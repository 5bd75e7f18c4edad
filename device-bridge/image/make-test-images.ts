/** Builds real picture files for the tests: PNG, JPEG and hand-laid BMP variants. */
import jpeg from 'jpeg-js';
import { encodePngRgb } from './png-encode.js';

/** Deterministic pseudo-random numbers (mulberry32), so failures reproduce. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Smooth colour fields, an edge and mild noise: close enough to a photo for a quantizer. */
export function photoLike(width: number, height: number, seed = 1): Uint8Array {
  const next = random(seed);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      const sky = y < height * 0.55;
      const noise = (next() - 0.5) * 12;
      rgb[i] = clamp((sky ? 90 + (x / width) * 80 : 40 + 60 * Math.sin(x / 37)) + noise);
      rgb[i + 1] = clamp((sky ? 140 + (y / height) * 60 : 110 + 50 * Math.cos(y / 23)) + noise);
      rgb[i + 2] = clamp((sky ? 220 - (y / height) * 40 : 50 + (x / width) * 40) + noise);
    }
  }
  return rgb;
}

function clamp(value: number): number {
  return Math.min(255, Math.max(0, Math.round(value)));
}

export function rgbToRgba(rgb: Uint8Array, alpha = 255): Uint8Array {
  const rgba = new Uint8Array((rgb.length / 3) * 4);
  for (let i = 0; i < rgb.length / 3; i += 1) {
    rgba.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = alpha;
  }
  return rgba;
}

export function pngFile(width: number, height: number, rgb: Uint8Array): Uint8Array {
  return new Uint8Array(encodePngRgb(width, height, rgb));
}

export function jpegFile(width: number, height: number, rgb: Uint8Array, quality = 90): Uint8Array {
  return new Uint8Array(jpeg.encode({ width, height, data: rgbToRgba(rgb) }, quality).data);
}

export interface BmpParts {
  width: number;
  /** Negative: rows top-down. */
  height: number;
  bitsPerPixel: number;
  compression: number;
  /** RGB triplets. */
  palette?: number[][];
  /** Bit masks (r, g, b[, a]) written after a 40-byte header for BI_BITFIELDS. */
  masks?: number[];
  data: number[] | Uint8Array;
}

/** Lays out a BMP with a 40-byte INFO header exactly as the parts say (no validation). */
export function bmpFile(parts: BmpParts): Uint8Array {
  const palette = parts.palette ?? [];
  const masks = parts.masks ?? [];
  const offset = 14 + 40 + masks.length * 4 + palette.length * 4;
  const file = new Uint8Array(offset + parts.data.length);
  const view = new DataView(file.buffer);
  file.set([0x42, 0x4d]);
  view.setUint32(2, file.length, true);
  view.setUint32(10, offset, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, parts.width, true);
  view.setInt32(22, parts.height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, parts.bitsPerPixel, true);
  view.setUint32(30, parts.compression, true);
  view.setUint32(34, parts.data.length, true);
  view.setUint32(46, palette.length, true);
  masks.forEach((mask, i) => view.setUint32(54 + i * 4, mask >>> 0, true));
  palette.forEach(([r = 0, g = 0, b = 0], i) => file.set([b, g, r, 0], 54 + masks.length * 4 + i * 4));
  file.set(parts.data, offset);
  return file;
}

export interface RleWalk {
  /** Pixels each row's runs add up to, in file order. */
  rowPixels: number[];
  /** Only `n v` runs with both nibbles equal, `00 00`, and a final `00 01`. */
  encodedOnly: boolean;
  endsWithEndOfBitmap: boolean;
}

/** An independent walk over RLE4 data, to check the encoder's structure without our decoder. */
export function walkRle4(data: Uint8Array): RleWalk {
  const walk: RleWalk = { rowPixels: [0], encodedOnly: true, endsWithEndOfBitmap: false };
  for (let pos = 0; pos + 1 < data.length; pos += 2) {
    const [count = 0, value = 0] = [data[pos], data[pos + 1]];
    if (count > 0) {
      walk.rowPixels[walk.rowPixels.length - 1] = (walk.rowPixels.at(-1) ?? 0) + count;
      if (value >> 4 !== (value & 15)) walk.encodedOnly = false;
    } else if (value === 0) {
      walk.rowPixels.push(0);
    } else if (value === 1) {
      walk.endsWithEndOfBitmap = pos + 2 === data.length;
      return walk;
    } else {
      walk.encodedOnly = false;
      return walk;
    }
  }
  return walk;
}
