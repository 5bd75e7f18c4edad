import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './image-decode.js';
import { encodeLuniiBmp } from './lunii-bmp.js';
import { LuniiImageError } from './lunii-image-error.js';
import { bmpFile, jpegFile, photoLike, pngFile, random } from './make-test-images.js';

/** Decoded pixels as "r,g,b,a" strings, top row first, for readable comparisons. */
function pixels(bytes: Uint8Array): string[] {
  const { rgba } = decodeImage(bytes);
  return Array.from({ length: rgba.length / 4 }, (_, i) => [...rgba.subarray(i * 4, i * 4 + 4)].join(','));
}

function errorOf(action: () => unknown): LuniiImageError {
  try {
    action();
  } catch (error) {
    if (error instanceof LuniiImageError) return error;
    throw error;
  }
  throw new Error('expected a LuniiImageError, nothing was thrown');
}

const RED = [255, 0, 0];
const GREEN = [0, 255, 0];
const BLUE = [0, 0, 255];
const WHITE = [255, 255, 255];

describe('decodeImage reads BMP variants', () => {
  it('24-bit bottom-up rows with padding', () => {
    // 3×2: file rows are bottom first; each 9-byte row is padded to 12.
    const data = [
      ...[255, 0, 0, 0, 255, 0, 0, 0, 255],
      0,
      0,
      0, // bottom: blue, green, red (BGR order)
      ...[255, 255, 255, 0, 0, 0, 0, 0, 255],
      0,
      0,
      0, // top: white, black, red
    ];
    const bmp = bmpFile({ width: 3, height: 2, bitsPerPixel: 24, compression: 0, data });
    expect(pixels(bmp)).toEqual([
      '255,255,255,255',
      '0,0,0,255',
      '255,0,0,255',
      '0,0,255,255',
      '0,255,0,255',
      '255,0,0,255',
    ]);
  });

  it('32-bit top-down with BI_BITFIELDS masks in an unusual order', () => {
    // Masks say red is the low byte and blue the third: the decoder must follow them.
    const bmp = bmpFile({
      width: 2,
      height: -1,
      bitsPerPixel: 32,
      compression: 3,
      masks: [0x000000ff, 0x0000ff00, 0x00ff0000],
      data: [200, 100, 50, 0, 1, 2, 3, 0],
    });
    expect(pixels(bmp)).toEqual(['200,100,50,255', '1,2,3,255']);
  });

  it('16-bit 5-6-5 BI_BITFIELDS', () => {
    const bmp = bmpFile({
      width: 2,
      height: 1,
      bitsPerPixel: 16,
      compression: 3,
      masks: [0xf800, 0x07e0, 0x001f],
      data: [0x00, 0xf8, 0xe0, 0x07], // pure red, pure green (little-endian words)
    });
    expect(pixels(bmp)).toEqual(['255,0,0,255', '0,255,0,255']);
  });

  it('8-, 4- and 1-bit palettes', () => {
    const palette = [RED, GREEN, BLUE, WHITE];
    const eight = bmpFile({
      width: 3,
      height: 1,
      bitsPerPixel: 8,
      compression: 0,
      palette,
      data: [2, 0, 3, 0],
    });
    expect(pixels(eight)).toEqual(['0,0,255,255', '255,0,0,255', '255,255,255,255']);
    const four = bmpFile({
      width: 5,
      height: 1,
      bitsPerPixel: 4,
      compression: 0,
      palette,
      data: [0x01, 0x23, 0x10, 0],
    });
    expect(pixels(four)).toEqual([
      '255,0,0,255',
      '0,255,0,255',
      '0,0,255,255',
      '255,255,255,255',
      '0,255,0,255',
    ]);
    const one = bmpFile({
      width: 10,
      height: 1,
      bitsPerPixel: 1,
      compression: 0,
      palette: [RED, WHITE],
      data: [0b10100000, 0b01000000, 0, 0],
    });
    expect(
      pixels(one)
        .map((p) => (p.startsWith('255,255') ? 'W' : 'R'))
        .join(''),
    ).toBe('WRWRRRRRRW');
  });

  it('RLE8 with encoded, absolute and delta runs', () => {
    const data = [
      2,
      1,
      /* absolute: */ 0,
      3,
      2,
      3,
      1,
      0,
      /* pad */ 0,
      0, // row 0 (bottom): 1 1 2 3 1
      0,
      2,
      1,
      0,
      /* delta right 1 */ 2,
      2,
      0,
      0, // row 1: skip one (index 0), then 2 2, EOL
      0,
      1,
    ];
    const bmp = bmpFile({
      width: 5,
      height: 2,
      bitsPerPixel: 8,
      compression: 1,
      palette: [RED, GREEN, BLUE, WHITE],
      data,
    });
    const names = pixels(bmp).map(
      (p) => ({ '255,0,0,255': 'R', '0,255,0,255': 'G', '0,0,255,255': 'B', '255,255,255,255': 'W' })[p],
    );
    expect(names.join('')).toBe('RBBRR' + 'GGBWG');
  });

  it('RLE4 with alternating nibbles and a padded absolute run', () => {
    const data = [
      3,
      0x12,
      /* absolute 5 pixels in 3 bytes + 1 pad: */ 0,
      5,
      0x30,
      0x12,
      0x30,
      0, // 1 2 1 | 3 0 1 2 3
      0,
      1,
    ];
    const bmp = bmpFile({
      width: 8,
      height: 1,
      bitsPerPixel: 4,
      compression: 2,
      palette: [RED, GREEN, BLUE, WHITE],
      data,
    });
    const names = pixels(bmp).map(
      (p) => ({ '255,0,0,255': 'R', '0,255,0,255': 'G', '0,0,255,255': 'B', '255,255,255,255': 'W' })[p],
    );
    expect(names.join('')).toBe('GBGWRGBW');
  });
});

/** A JPEG whose EXIF says how the camera held it. */
function jpegWithOrientation(
  width: number,
  height: number,
  rgb: Uint8Array,
  orientation: number,
): Uint8Array {
  const jpg = jpegFile(width, height, rgb, 95);
  const tiff = [
    0x4d,
    0x4d,
    0,
    42,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  const app1 = [0xff, 0xe1, 0, 2 + 6 + tiff.length, ...new TextEncoder().encode('Exif\0\0'), ...tiff];
  return Uint8Array.from([...jpg.subarray(0, 2), ...app1, ...jpg.subarray(2)]);
}

describe('decodeImage stands phone photos upright', () => {
  // 32×16, red top-left quadrant, blue elsewhere.
  const rgb = new Uint8Array(32 * 16 * 3);
  for (let i = 0; i < 32 * 16; i += 1) rgb.set(i % 32 < 16 && i < 32 * 8 ? RED : BLUE, i * 3);

  it.each([
    [1, 32, 16, 'top-left'],
    [2, 32, 16, 'top-right'],
    [3, 32, 16, 'bottom-right'],
    [4, 32, 16, 'bottom-left'],
    [5, 16, 32, 'top-left'],
    [6, 16, 32, 'top-right'],
    [7, 16, 32, 'bottom-right'],
    [8, 16, 32, 'bottom-left'],
  ])('EXIF orientation %i gives %i×%i with the red corner %s', (orientation, width, height, corner) => {
    const image = decodeImage(jpegWithOrientation(32, 16, rgb, orientation));
    expect([image.width, image.height]).toEqual([width, height]);
    const redAt = (x: number, y: number): boolean => (image.rgba[(y * width + x) * 4] ?? 0) > 200;
    const found = ['top-left', 'top-right', 'bottom-left', 'bottom-right'].filter((name) =>
      redAt(name.endsWith('left') ? 2 : width - 3, name.startsWith('top') ? 2 : height - 3),
    );
    expect(found).toEqual([corner]);
  });
});

describe('decodeImage refuses hostile or broken input with a typed error', () => {
  it('a truncated PNG is corrupt', () => {
    const png = pngFile(64, 48, photoLike(64, 48));
    const error = errorOf(() => decodeImage(png.subarray(0, Math.floor(png.length / 2))));
    expect(error.code).toBe('corrupt-image');
    expect(error.message).toMatch(/PNG/);
  });

  it('a PNG declaring 100000×100000 is refused from its header, before any allocation', () => {
    const png = pngFile(2, 2, new Uint8Array(12));
    const view = new DataView(png.buffer);
    view.setUint32(16, 100_000);
    view.setUint32(20, 100_000);
    view.setUint32(29, crc32(png.subarray(12, 29))); // keep the IHDR checksum valid
    const before = process.memoryUsage().arrayBuffers;
    const error = errorOf(() => decodeImage(png));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('100000×100000');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 << 20);
  });

  it('a JPEG or BMP declaring a huge size is refused too', () => {
    const jpg = jpegFile(16, 16, photoLike(16, 16));
    const sof = jpg.findIndex((b, i) => b === 0xff && jpg[i + 1] === 0xc0);
    new DataView(jpg.buffer).setUint16(sof + 5, 60_000);
    new DataView(jpg.buffer).setUint16(sof + 7, 60_000);
    expect(errorOf(() => decodeImage(jpg)).code).toBe('too-large');
    const bmp = bmpFile({
      width: 100_000,
      height: -100_000,
      bitsPerPixel: 24,
      compression: 0,
      data: [1, 2, 3],
    });
    expect(errorOf(() => decodeImage(bmp)).code).toBe('too-large');
  });

  it('an RLE4 run past the end of its row is corrupt, not an overflow', () => {
    const bmp = bmpFile({
      width: 4,
      height: 2,
      bitsPerPixel: 4,
      compression: 2,
      palette: [RED, GREEN],
      data: [6, 0x11, 0, 1],
    });
    const error = errorOf(() => decodeImage(bmp));
    expect(error.code).toBe('corrupt-image');
    expect(error.message).toMatch(/run of 6 pixels at column 0 passes the end of the 4-pixel row 0/);
  });

  it.each([
    ['a run after the last row', [2, 0x11, 0, 0, 2, 0x11, 0, 0, 2, 0x11, 0, 1], /after the last of 2 rows/],
    ['a delta outside the bitmap', [0, 2, 9, 0, 0, 1], /delta moves outside/],
    ['no end-of-bitmap marker', [2, 0x11, 0, 0, 2, 0x11], /without an end-of-bitmap/],
    ['an absolute run cut off by the end', [0, 4, 0x11], /cut off/],
    ['an absolute run past the row', [0, 6, 0x11, 0x11, 0x11, 0, 0, 1], /passes the end/],
  ])('RLE4 with %s is corrupt', (_, data, message) => {
    const bmp = bmpFile({
      width: 2,
      height: 2,
      bitsPerPixel: 4,
      compression: 2,
      palette: [RED, GREEN],
      data,
    });
    const error = errorOf(() => decodeImage(bmp));
    expect(error.code).toBe('corrupt-image');
    expect(error.message).toMatch(message);
  });

  it('cut-off pixel data and out-of-palette pixels are corrupt', () => {
    const short = bmpFile({
      width: 4,
      height: 4,
      bitsPerPixel: 24,
      compression: 0,
      data: new Uint8Array(20),
    });
    expect(errorOf(() => decodeImage(short)).message).toMatch(/pixel data is cut off/);
    const outside = bmpFile({
      width: 2,
      height: 1,
      bitsPerPixel: 8,
      compression: 0,
      palette: [RED, GREEN],
      data: [0, 7, 0, 0],
    });
    expect(errorOf(() => decodeImage(outside)).message).toMatch(/colour 7 of a 2-colour palette/);
  });

  it('random bytes are never mistaken for a picture', () => {
    const next = random(42);
    for (let n = 0; n < 200; n += 1) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(next() * 300) }, () => Math.floor(next() * 256));
      expect(errorOf(() => decodeImage(bytes))).toBeInstanceOf(LuniiImageError);
    }
  });

  it('damaged PNG, JPEG and Lunii BMP files either decode to a consistent image or fail with LuniiImageError', async () => {
    const rgb = photoLike(48, 32);
    const files = [pngFile(48, 32, rgb), jpegFile(48, 32, rgb), await encodeLuniiBmp(pngFile(48, 32, rgb))];
    const next = random(7);
    for (const original of files) {
      for (let n = 0; n < 150; n += 1) {
        const damaged = original.slice(
          0,
          next() < 0.2 ? Math.floor(next() * original.length) : original.length,
        );
        for (let k = 0; k < 4; k += 1)
          damaged[Math.floor(next() * damaged.length)] = Math.floor(next() * 256);
        try {
          const image = decodeImage(damaged);
          expect(image.rgba.length).toBe(image.width * image.height * 4);
          if (damaged.length === original.length) expect([image.width, image.height]).not.toContain(0);
        } catch (error) {
          expect(error).toBeInstanceOf(LuniiImageError);
        }
      }
    }
  });
});

const ffmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

describe.skipIf(!ffmpeg)(
  `BMPs written by ffmpeg (${ffmpeg ? 'ffmpeg found' : 'skipped: no ffmpeg on PATH'})`,
  () => {
    it.each(['bgr24', 'bgra', 'rgb555le', 'rgb565le', 'pal8', 'gray', 'monob'])(
      '%s decodes to the same pixels as ffmpeg reads',
      (pixelFormat) => {
        const dir = mkdtempSync(join(tmpdir(), 'talemo-bmp-'));
        try {
          writeFileSync(join(dir, 'in.png'), pngFile(37, 21, photoLike(37, 21, 11)));
          const made = spawnSync('ffmpeg', [
            '-v',
            'error',
            '-i',
            join(dir, 'in.png'),
            '-pix_fmt',
            pixelFormat,
            join(dir, 'out.bmp'),
          ]);
          expect(made.stderr.toString()).toBe('');
          const bmp = new Uint8Array(readFileSync(join(dir, 'out.bmp')));
          const raw = spawnSync('ffmpeg', [
            '-v',
            'error',
            '-i',
            join(dir, 'out.bmp'),
            '-f',
            'rawvideo',
            '-pix_fmt',
            'rgba',
            '-',
          ]);
          const ours = decodeImage(bmp);
          expect([ours.width, ours.height]).toEqual([37, 21]);
          expect(Buffer.compare(Buffer.from(ours.rgba), raw.stdout)).toBe(0);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  },
);
