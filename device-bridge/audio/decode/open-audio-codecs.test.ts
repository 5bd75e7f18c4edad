import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PCM_CHUNK_FRAMES } from '../pcm.js';
import { findFfmpeg } from './ffmpeg-pcm.js';
import {
  bestLag,
  collectPcm,
  encodeFlacVerbatim,
  encodeMp3,
  encodeOpus,
  muxOpus,
  muxSilentAac,
  peak,
  sine,
  withLameInfoFrame,
  zeroCrossingHz,
} from './make-test-audio.js';
import { openAudio } from './open-audio.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talemo-codecs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileOf(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe('MP3', () => {
  const rate = 44100;
  const total = rate * 3 + 123;
  const tone = sine(total, rate, 440, 0.5);

  it('trims encoder delay and padding from the LAME tag: exact length, aligned samples', async () => {
    const mp3 = withLameInfoFrame(await encodeMp3([tone], rate, 128_000), total);
    const source = await openAudio(await fileOf('lame.mp3', mp3));
    expect(source.format).toMatchObject({ container: 'mp3', codec: 'mp3', sampleRate: rate, channels: 1 });
    expect(source.format.durationSeconds).toBeCloseTo(total / rate, 6);
    const { planes, rate: decodedRate, chunks } = await collectPcm(source.pcm());
    expect(decodedRate).toBe(rate);
    expect(planes[0]!.length).toBe(total);
    expect(Math.max(...chunks)).toBeLessThanOrEqual(PCM_CHUNK_FRAMES);
    expect(zeroCrossingHz(planes[0]!, rate)).toBeCloseTo(440, 0);
    // Aligned to the sample: the delays were cut exactly, not just the length.
    expect(bestLag(planes[0]!, tone, 40)).toBe(0);
    expect(source.issues).toEqual([]);
  });

  it('decodes stereo MP3 without an info frame within two frames of the length', async () => {
    const stereoRate = 48000;
    const frames = stereoRate * 2;
    const mp3 = await encodeMp3(
      [sine(frames, stereoRate, 440, 0.5), sine(frames, stereoRate, 1000, 0.3)],
      stereoRate,
      160_000,
    );
    const source = await openAudio(await fileOf('plain.mp3', mp3));
    expect(source.format).toMatchObject({ sampleRate: stereoRate, channels: 2 });
    // No LAME tag: the length is estimated from the bitrate, and the encoder delay is unknown.
    expect(source.format.durationSeconds).toBeCloseTo(frames / stereoRate, 1);
    const { planes } = await collectPcm(source.pcm());
    expect(Math.abs(planes[0]!.length - frames)).toBeLessThanOrEqual(2 * 1152);
    expect(zeroCrossingHz(planes[0]!, stereoRate)).toBeCloseTo(440, 0);
    expect(zeroCrossingHz(planes[1]!, stereoRate)).toBeCloseTo(1000, 0);
    expect(peak(planes[1]!)).toBeCloseTo(0.3, 1);
  });
});

describe('Ogg Opus and WebM Opus', () => {
  const total = 48000 * 2 + 333;
  const left = sine(total, 48000, 440, 0.5);
  const stream = encodeOpus([left, sine(total, 48000, 660, 0.25)]);

  it('Ogg Opus: pre-skip and end trimming give the exact length', async () => {
    const source = await openAudio(await fileOf('tone.opus', await muxOpus(stream, 'ogg')));
    expect(source.format).toMatchObject({ container: 'ogg', codec: 'opus', sampleRate: 48000, channels: 2 });
    expect(source.format.durationSeconds).toBe(total / 48000);
    const { planes } = await collectPcm(source.pcm());
    expect(planes[0]!.length).toBe(total);
    expect(bestLag(planes[0]!, left, 40)).toBe(0);
    expect(zeroCrossingHz(planes[0]!, 48000)).toBeCloseTo(440, 0);
    expect(zeroCrossingHz(planes[1]!, 48000)).toBeCloseTo(660, 0);
    expect(source.issues).toEqual([]);
  });

  it('WebM with a duration: within one 20 ms Opus frame', async () => {
    const source = await openAudio(await fileOf('tone.webm', await muxOpus(stream, 'webm')));
    expect(source.format).toMatchObject({ container: 'webm', codec: 'opus', sampleRate: 48000, channels: 2 });
    expect(source.format.durationSeconds).toBeCloseTo(total / 48000, 1);
    const { planes } = await collectPcm(source.pcm());
    expect(Math.abs(planes[0]!.length - total)).toBeLessThanOrEqual(960);
    expect(zeroCrossingHz(planes[0]!, 48000)).toBeCloseTo(440, 0);
    expect(source.issues).toEqual([]);
  });

  it('WebM as MediaRecorder writes it (no duration, no cues): length from the packets', async () => {
    const source = await openAudio(await fileOf('recorded.webm', await muxOpus(stream, 'webm-recorder')));
    expect(source.format.durationSeconds).not.toBeNull();
    expect(Math.abs(source.format.durationSeconds! - total / 48000)).toBeLessThan(0.03);
    const { planes } = await collectPcm(source.pcm());
    expect(Math.abs(planes[0]!.length - total)).toBeLessThanOrEqual(960);
    expect(zeroCrossingHz(planes[1]!, 48000)).toBeCloseTo(660, 0);
  });
});

describe('FLAC', () => {
  it.each([
    [16, 44100, 2],
    [24, 48000, 1],
    [8, 8000, 1],
  ] as const)('%i-bit at %i Hz, %i channel(s): every sample back', async (bits, rate, channels) => {
    const total = rate + 4096 * 2 + 77; // a short last block
    const planes = [sine(total, rate, 440, 0.7), sine(total, rate, 1000, 0.4)].slice(0, channels);
    const source = await openAudio(await fileOf(`tone-${bits}.flac`, encodeFlacVerbatim(planes, rate, bits)));
    expect(source.format).toMatchObject({
      container: 'flac',
      codec: 'flac',
      sampleRate: rate,
      channels,
      bitsPerSample: bits,
    });
    expect(source.format.durationSeconds).toBe(total / rate);
    const decoded = await collectPcm(source.pcm());
    expect(decoded.planes[0]!.length).toBe(total);
    const step = 1 / 2 ** (bits - 1);
    for (const [c, plane] of planes.entries()) {
      let worst = 0;
      for (let i = 0; i < total; i += 1)
        worst = Math.max(worst, Math.abs(decoded.planes[c]![i]! - plane[i]!));
      expect(worst).toBeLessThanOrEqual(1.5 * step);
    }
    expect(zeroCrossingHz(decoded.planes[0]!, rate)).toBeCloseTo(440, 0);
    expect(source.issues).toEqual([]);
  });
});

describe('Ogg Vorbis', () => {
  // No Vorbis encoder ships with the app, so this one file was made once with ffmpeg
  // (libvorbis -q:a 0): 45,000 samples of a 440 Hz sine at 0.5, mono, 22,050 Hz.
  const fixture = join(import.meta.dirname, 'fixtures', 'tone-440hz-22050hz-vorbis.ogg');

  it('decodes to the exact length the last granule position gives', async () => {
    const path = join(dir, 'fixture.ogg');
    await copyFile(fixture, path);
    const source = await openAudio(path);
    expect(source.format).toMatchObject({
      container: 'ogg',
      codec: 'vorbis',
      sampleRate: 22050,
      channels: 1,
    });
    expect(source.format.durationSeconds).toBe(45000 / 22050);
    const { planes } = await collectPcm(source.pcm());
    expect(planes[0]!.length).toBe(45000);
    expect(zeroCrossingHz(planes[0]!, 22050)).toBeCloseTo(440, 0);
    expect(peak(planes[0]!)).toBeCloseTo(0.5, 1);
  });
});

describe('M4A / AAC', () => {
  it('reads format and length from the container without decoding', async () => {
    const path = await fileOf('silence.m4a', await muxSilentAac(100));
    const source = await openAudio(path, { ffmpegPath: await findFfmpeg(undefined) });
    expect(source.format).toMatchObject({ container: 'mp4', codec: 'aac', sampleRate: 44100, channels: 1 });
    expect(source.format.durationSeconds).toBeCloseTo((100 * 1024) / 44100, 2);
  });

  it('without ffmpeg, says AAC needs the app window or ffmpeg', async () => {
    const path = await fileOf('story.m4a', await muxSilentAac(10));
    await expect(openAudio(path, { ffmpegPath: null })).rejects.toMatchObject({
      code: 'needs-platform-decoder',
      message:
        'story.m4a holds AAC audio, which needs the Talemo app window (its browser decodes AAC) or ffmpeg installed',
    });
  });
});

const ffmpeg = await findFfmpeg(undefined);
describe.skipIf(!ffmpeg)(
  `with a system ffmpeg (optional; ${ffmpeg ? 'found' : 'skipped: no ffmpeg on PATH'})`,
  () => {
    it('decodes AAC through ffmpeg, streaming', async () => {
      const path = await fileOf('silence-decoded.m4a', await muxSilentAac(100));
      const source = await openAudio(path, { ffmpegPath: ffmpeg });
      const { planes, rate } = await collectPcm(source.pcm());
      expect(rate).toBe(44100);
      expect(Math.abs(planes[0]!.length - 100 * 1024)).toBeLessThanOrEqual(1024);
      expect(peak(planes[0]!)).toBeLessThan(0.01);
    });
  },
);
