import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';

import { jpegFile, photoLike, pngFile } from '../../image/make-test-images.js';
import { yotoContentBodySchema, type YotoTranscodedAudio } from './yoto-content-schema.js';
import { YotoError } from './yoto-error.js';
import { defaultYotoIcon, makeYotoIcon } from './yoto-icon.js';
import { buildYotoPlaylist, yotoContentBody, type YotoPlaylist } from './yoto-playlist.js';

function readPng(bytes: Uint8Array): { width: number; height: number; colorType: number; rgba: Uint8Array } {
  const png = pngjs.PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, colorType: bytes[25] ?? -1, rgba: new Uint8Array(png.data) };
}

function colours(rgba: Uint8Array): Set<number> {
  const seen = new Set<number>();
  for (let i = 0; i < rgba.length; i += 4)
    seen.add(((rgba[i] ?? 0) << 16) | ((rgba[i + 1] ?? 0) << 8) | (rgba[i + 2] ?? 0));
  return seen;
}

/** A picture with a red left half and a blue right half, wider than tall. */
function halves(width: number, height: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1)
      rgb.set(x < width / 2 ? [200, 20, 20] : [20, 20, 200], (y * width + x) * 3);
  }
  return pngFile(width, height, rgb);
}

function transcoded(name: string, seconds: number): YotoTranscodedAudio {
  return {
    transcodedSha256: `${name}`.padEnd(64, '0'),
    duration: seconds,
    fileSize: seconds * 4000,
    format: 'opus',
    channels: 'mono',
  };
}

function uploadedMedia(playlist: YotoPlaylist) {
  return {
    audio: (name: string) => transcoded(Buffer.from(name).toString('hex'), 30),
    iconMediaId: (id: string) => playlist.icons.find((icon) => icon.id === id) && `media-${id.slice(0, 8)}`,
  };
}

describe('Yoto icons', () => {
  it('makes a 16×16 RGBA PNG from a real photo-like PNG, with at most 16 colours', () => {
    const icon = readPng(makeYotoIcon(pngFile(320, 240, photoLike(320, 240))));
    expect(icon.width).toBe(16);
    expect(icon.height).toBe(16);
    expect(icon.colorType).toBe(6); // Yoto: "24-bit RGBA ... no indexed palette"
    expect(colours(icon.rgba).size).toBeLessThanOrEqual(16);
    for (let i = 3; i < icon.rgba.length; i += 4) expect(icon.rgba[i]).toBe(255);
  });

  it('crops the centre square and averages areas: a half-red half-blue picture stays split down the middle', () => {
    const icon = readPng(makeYotoIcon(halves(480, 240)));
    const pixel = (x: number, y: number) => [...icon.rgba.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 3)];
    expect(pixel(0, 8)).toEqual([200, 20, 20]);
    expect(pixel(7, 8)).toEqual([200, 20, 20]);
    expect(pixel(8, 8)).toEqual([20, 20, 200]);
    expect(pixel(15, 8)).toEqual([20, 20, 200]);
  });

  it('reads JPEG too, and dims a picture brighter than two thirds', () => {
    const white = new Uint8Array(64 * 64 * 3).fill(255);
    const icon = readPng(makeYotoIcon(jpegFile(64, 64, white)));
    expect(icon.width).toBe(16);
    const mean = icon.rgba.filter((_, i) => i % 4 !== 3).reduce((a, b) => a + b, 0) / (16 * 16 * 3);
    expect(mean).toBeLessThanOrEqual(171);
    expect(mean).toBeGreaterThan(150);
  });

  it('has a default icon, and refuses a file that is not a picture with a clear error', () => {
    expect(readPng(defaultYotoIcon()).width).toBe(16);
    expect(() => makeYotoIcon(new TextEncoder().encode('GIF89a....'))).toThrow(/Yoto icon: .*GIF/);
  });
});

describe('buildYotoPlaylist and the /content body', () => {
  const story = {
    title: '  The Fox and the Moon ',
    description: 'A bedtime story',
    language: 'fr-FR',
    chapters: [
      { title: 'The fox wakes up', audioFiles: ['part1.mp3'], iconImage: halves(100, 100) },
      { title: 'The moon answers', audioFiles: ['part2a.mp3', 'part2b.mp3'] },
    ],
  };

  it('numbers chapters and tracks, makes one icon per picture, maps the language', () => {
    const playlist = buildYotoPlaylist(story);
    expect(playlist.title).toBe('The Fox and the Moon');
    expect(playlist.languages).toEqual(['fr-fr']);
    expect(
      playlist.chapters.map((c) => [c.key, c.overlayLabel, c.tracks.map((t) => [t.key, t.title])]),
    ).toEqual([
      ['01', '1', [['01', 'The fox wakes up']]],
      [
        '02',
        '2',
        [
          ['02', 'The moon answers (1)'],
          ['03', 'The moon answers (2)'],
        ],
      ],
    ]);
    expect(playlist.icons).toHaveLength(2); // the picture's and the default
    expect(new Set(playlist.chapters.map((c) => c.iconId)).size).toBe(2);
  });

  it('builds a body that passes the documented schema, with yoto:# references and summed durations', () => {
    const playlist = buildYotoPlaylist(story);
    const body = yotoContentBody(playlist, uploadedMedia(playlist));
    expect(yotoContentBodySchema.safeParse(body).success).toBe(true);
    const chapter = body.content.chapters[1];
    expect(chapter?.display.icon16x16).toMatch(/^yoto:#media-/);
    expect(chapter?.tracks[0]?.trackUrl).toMatch(/^yoto:#[0-9a-f]{64}$/);
    expect(chapter?.tracks[0]).toMatchObject({
      type: 'audio',
      format: 'opus',
      channels: 'mono',
      duration: 30,
      overlayLabel: '2',
    });
    expect(chapter?.duration).toBe(60);
    expect(body.metadata?.media).toEqual({ duration: 90, fileSize: 360_000, hasStreams: false });
    expect(body.cardId).toBeUndefined();
    expect(yotoContentBody(playlist, uploadedMedia(playlist), 'Ab3dE').cardId).toBe('Ab3dE');
  });

  it('refuses what Yoto would refuse, naming the problem', () => {
    expect(() => buildYotoPlaylist({ ...story, title: 'x'.repeat(101) })).toThrow(/101 characters.*100/);
    expect(() => buildYotoPlaylist({ ...story, chapters: [] })).toThrow(/no chapters/);
    expect(() => buildYotoPlaylist({ ...story, chapters: [{ title: 'a', audioFiles: [] }] })).toThrow(
      /Chapter 1 .* no audio/,
    );
    const playlist = buildYotoPlaylist(story);
    expect(() => yotoContentBody(playlist, uploadedMedia(playlist), 'toolong')).toThrow(YotoError);
    expect(() => yotoContentBody(playlist, { ...uploadedMedia(playlist), audio: () => undefined })).toThrow(
      /not been transcoded/,
    );
  });

  it('keeps a language Yoto does not list out of the metadata instead of failing', () => {
    expect(buildYotoPlaylist({ ...story, language: 'nl' }).languages).toBeUndefined();
    expect(buildYotoPlaylist({ ...story, language: 'en-AU' }).languages).toEqual(['en']);
  });

  it('the schema rejects a misspelt field, so our field names are the documented ones', () => {
    const playlist = buildYotoPlaylist(story);
    const body = yotoContentBody(playlist, uploadedMedia(playlist));
    const misspelt = structuredClone(body) as unknown as {
      content: { chapters: { tracks: Record<string, unknown>[] }[] };
    };
    const track = misspelt.content.chapters[0]?.tracks[0];
    if (track) {
      track.trackURL = track.trackUrl;
      delete track.trackUrl;
    }
    expect(yotoContentBodySchema.safeParse(misspelt).success).toBe(false);
  });
});
