import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './image-decode.js';
import { encodeLuniiBmp, LuniiImageError, luniiBmpToPng } from './lunii-bmp.js';
import { jpegFile, photoLike, pngFile, walkRle4 } from './make-test-images.js';

const W = 320;
const H = 240;

function u16(file: Uint8Array, at: number): number {
  return new DataView(file.buffer, file.byteOffset).getUint16(at, true);
}
function u32(file: Uint8Array, at: number): number {
  return new DataView(file.buffer, file.byteOffset).getUint32(at, true);
}
function i32(file: Uint8Array, at: number): number {
  return new DataView(file.buffer, file.byteOffset).getInt32(at, true);
}

/** 12 colours in stripes and blocks, with runs longer than 255 pixels across whole rows. */
function twelveColours(): Uint8Array {
  const colours = [
    [0, 0, 0],
    [255, 255, 255],
    [255, 0, 0],
    [0, 160, 0],
    [0, 0, 255],
    [250, 220, 10],
    [120, 60, 20],
    [30, 200, 220],
    [200, 40, 180],
    [128, 128, 128],
    [255, 140, 0],
    [20, 30, 90],
  ];
  const rgb = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y += 1) {
    for (let x = 0; x < W; x += 1) {
      const band = y < 20 ? 0 : (Math.floor(x / 7) + Math.floor(y / 13)) % colours.length;
      rgb.set(colours[band] ?? [0, 0, 0], (y * W + x) * 3);
    }
  }
  return rgb;
}

function luma(rgba: Uint8Array, i: number): number {
  return 0.299 * (rgba[i * 4] ?? 0) + 0.587 * (rgba[i * 4 + 1] ?? 0) + 0.114 * (rgba[i * 4 + 2] ?? 0);
}

describe('encodeLuniiBmp', () => {
  it('writes the header fields STUdio and the box check, byte by byte', async () => {
    const bmp = await encodeLuniiBmp(pngFile(W, H, photoLike(W, H)));
    expect([bmp[0], bmp[1]]).toEqual([0x42, 0x4d]); // "BM"
    expect(u32(bmp, 2)).toBe(bmp.length); // declared file size
    expect(u32(bmp, 6)).toBe(0); // reserved
    expect(u32(bmp, 10)).toBe(0x76); // pixel data offset
    expect(u32(bmp, 14)).toBe(40); // INFO header
    expect(i32(bmp, 18)).toBe(320);
    expect(i32(bmp, 22)).toBe(240); // positive: bottom-up
    expect(u16(bmp, 26)).toBe(1); // planes
    expect(u16(bmp, 28)).toBe(4); // bits per pixel
    expect(u32(bmp, 30)).toBe(2); // BI_RLE4
    expect(u32(bmp, 34)).toBe(bmp.length - 0x76); // declared data size
    for (let i = 0; i < 16; i += 1) expect(bmp[54 + i * 4 + 3]).toBe(0); // palette reserved bytes
  });

  it('emits only encoded runs, every row exactly 320 pixels, 00 00 between rows, 00 01 at the end', async () => {
    for (const palette of ['colour', 'gray'] as const) {
      const bmp = await encodeLuniiBmp(jpegFile(640, 480, photoLike(640, 480, 7)), { palette });
      const walk = walkRle4(bmp.subarray(0x76));
      expect(walk.encodedOnly).toBe(true);
      expect(walk.endsWithEndOfBitmap).toBe(true);
      expect(walk.rowPixels).toHaveLength(240);
      expect(walk.rowPixels.every((n) => n === 320)).toBe(true);
    }
  });

  it('reproduces a picture that already has 16 colours or fewer exactly', async () => {
    const rgb = twelveColours();
    const bmp = await encodeLuniiBmp(pngFile(W, H, rgb));
    const back = decodeImage(bmp);
    expect([back.width, back.height]).toEqual([W, H]);
    for (let i = 0; i < W * H; i += 1) {
      const got = [back.rgba[i * 4], back.rgba[i * 4 + 1], back.rgba[i * 4 + 2]];
      const want = [rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]];
      if (got.join() !== want.join()) expect({ pixel: i, got }).toEqual({ pixel: i, got: want });
    }
    // The top row (last in the file) is 320 black pixels: runs of 255 and 65, then end of bitmap.
    const black =
      [...bmp.subarray(54, 54 + 64)].findIndex(
        (_, i) => i % 4 === 0 && bmp[54 + i] === 0 && bmp[55 + i] === 0 && bmp[56 + i] === 0,
      ) / 4;
    const nibbles = (black << 4) | black;
    expect([...bmp.subarray(bmp.length - 6)]).toEqual([255, nibbles, 65, nibbles, 0, 1]);
  });

  it('keeps a gradient’s brightness, overall and across the picture, in grey and in colour', async () => {
    const rgb = new Uint8Array(W * H * 3);
    for (let i = 0; i < W * H; i += 1) rgb.fill(Math.round(((i % W) / (W - 1)) * 255), i * 3, i * 3 + 3);
    for (const palette of ['gray', 'colour'] as const) {
      const back = decodeImage(await encodeLuniiBmp(pngFile(W, H, rgb), { palette }));
      const levels = new Set<number>();
      // Mean per 32-column band: dithering must follow the ramp, not just the overall average.
      for (let band = 0; band < W / 32; band += 1) {
        let got = 0;
        let want = 0;
        for (let y = 0; y < H; y += 1) {
          for (let x = band * 32; x < band * 32 + 32; x += 1) {
            got += luma(back.rgba, y * W + x);
            want += rgb[(y * W + x) * 3] ?? 0;
            levels.add(back.rgba[(y * W + x) * 4] ?? 0);
          }
        }
        expect(Math.abs(got - want) / (32 * H)).toBeLessThan(1);
      }
      expect(levels.size).toBeGreaterThanOrEqual(12);
    }
  });

  it('gives the grey palette 16 even greys from black to white', async () => {
    const bmp = await encodeLuniiBmp(jpegFile(W, H, photoLike(W, H)), { palette: 'gray' });
    const palette = Array.from({ length: 16 }, (_, i) => [...bmp.subarray(54 + i * 4, 54 + i * 4 + 3)]);
    expect(palette).toEqual(Array.from({ length: 16 }, (_, i) => [i * 17, i * 17, i * 17]));
  });

  it('turns a 640×480 photo into 320×240 that still looks like it', async () => {
    const source = photoLike(640, 480, 3);
    const back = decodeImage(await encodeLuniiBmp(jpegFile(640, 480, source)));
    expect([back.width, back.height]).toEqual([W, H]);
    // Each output pixel stands for a 2×2 source block: compare 16×16 block means.
    let worst = 0;
    let total = 0;
    for (let by = 0; by < H; by += 16) {
      for (let bx = 0; bx < W; bx += 16) {
        let got = 0;
        let want = 0;
        for (let y = by; y < by + 16; y += 1) {
          for (let x = bx; x < bx + 16; x += 1) {
            got += luma(back.rgba, y * W + x);
            for (const [dx, dy] of [
              [0, 0],
              [1, 0],
              [0, 1],
              [1, 1],
            ] as const) {
              const i = ((y * 2 + dy) * 640 + x * 2 + dx) * 3;
              want +=
                (0.299 * (source[i] ?? 0) + 0.587 * (source[i + 1] ?? 0) + 0.114 * (source[i + 2] ?? 0)) / 4;
            }
          }
        }
        worst = Math.max(worst, Math.abs(got - want) / 256);
        total += Math.abs(got - want) / 256 / 300;
      }
    }
    // Luma levels of 255, per 16×16 block: 16 colours cannot match every hue of a photo.
    expect(total).toBeLessThan(3.5);
    expect(worst).toBeLessThan(16);
  });

  it('letterboxes a wide picture by default and fills the screen with fit: cover', async () => {
    const white = new Uint8Array(640 * 240 * 3).fill(255); // 8:3, twice as wide as the screen
    const contained = decodeImage(await encodeLuniiBmp(pngFile(640, 240, white)));
    const covered = decodeImage(await encodeLuniiBmp(pngFile(640, 240, white), { fit: 'cover' }));
    const rowLuma = (rgba: Uint8Array, y: number): number => luma(rgba, y * W + W / 2);
    // contain: 320×120 picture centred, black bars of 60 rows above and below.
    expect(rowLuma(contained.rgba, 0)).toBe(0);
    expect(rowLuma(contained.rgba, 59)).toBe(0);
    expect(rowLuma(contained.rgba, 60)).toBe(255);
    expect(rowLuma(contained.rgba, 179)).toBe(255);
    expect(rowLuma(contained.rgba, 180)).toBe(0);
    expect(rowLuma(covered.rgba, 0)).toBe(255);
    expect(rowLuma(covered.rgba, 239)).toBe(255);
  });

  it('puts transparent areas on black', async () => {
    const png = new pngjs.PNG({ width: 4, height: 3 });
    png.data.fill(255); // opaque white
    for (let i = 3; i < png.data.length; i += 8) png.data[i] = 0; // every other pixel transparent
    const back = decodeImage(
      await encodeLuniiBmp(new Uint8Array(pngjs.PNG.sync.write(png)), { fit: 'cover' }),
    );
    let mean = 0;
    for (let i = 0; i < W * H; i += 1) mean += luma(back.rgba, i) / (W * H);
    expect(Math.abs(mean - 127.5)).toBeLessThan(6);
  });

  it('refuses what is not a picture, with a typed error', async () => {
    const text = new TextEncoder().encode('hello, this is not a picture');
    await expect(encodeLuniiBmp(text)).rejects.toMatchObject({
      name: 'LuniiImageError',
      code: 'unsupported-image',
    });
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
    await expect(encodeLuniiBmp(gif)).rejects.toThrow(/GIF/);
    await expect(encodeLuniiBmp(new Uint8Array(0))).rejects.toBeInstanceOf(LuniiImageError);
  });
});

describe('luniiBmpToPng', () => {
  it('turns a Lunii BMP into a PNG with the same pixels', async () => {
    const bmp = await encodeLuniiBmp(jpegFile(W, H, photoLike(W, H, 5)));
    const png = pngjs.PNG.sync.read(Buffer.from(luniiBmpToPng(bmp)));
    const fromBmp = decodeImage(bmp);
    expect([png.width, png.height]).toEqual([W, H]);
    expect(Buffer.compare(png.data, Buffer.from(fromBmp.rgba))).toBe(0);
  });

  it('refuses a PNG passed as a BMP', () => {
    expect(() => luniiBmpToPng(pngFile(2, 2, new Uint8Array(12)))).toThrow(
      expect.objectContaining({ code: 'unsupported-image' }),
    );
  });
});

const ffmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

describe.skipIf(!ffmpeg)(
  `ffmpeg reads our BMP (${ffmpeg ? 'ffmpeg found' : 'skipped: no ffmpeg on PATH'})`,
  () => {
    it('decodes it as 320×240 with exactly our pixels', async () => {
      const bmp = await encodeLuniiBmp(jpegFile(640, 480, photoLike(640, 480, 9)));
      const dir = mkdtempSync(join(tmpdir(), 'talemo-bmp-'));
      try {
        writeFileSync(join(dir, 'x.bmp'), bmp);
        const probe = spawnSync('ffprobe', [
          '-v',
          'error',
          '-show_entries',
          'stream=width,height',
          '-of',
          'csv=p=0',
          join(dir, 'x.bmp'),
        ]);
        expect(probe.stdout.toString().trim()).toBe('320,240');
        const raw = spawnSync(
          'ffmpeg',
          ['-v', 'error', '-i', join(dir, 'x.bmp'), '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
          {
            maxBuffer: 1 << 24,
          },
        );
        expect(Buffer.compare(raw.stdout, Buffer.from(decodeImage(bmp).rgba))).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
