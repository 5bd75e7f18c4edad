/**
 * Long files stream with flat memory and exact lengths. Files are written to a temp folder
 * piece by piece (the test never holds them whole either) and deleted afterwards.
 */
import { open as openFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PCM_CHUNK_FRAMES, chunkFrames } from '../pcm.js';
import { encodeMp3, flacFrame, flacHeader, sine, wavHeader, zeroCrossingHz } from './make-test-audio.js';
import { openAudio, type AudioSource } from './open-audio.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talemo-long-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MiB = 1024 * 1024;
/** The most resident memory may grow while decoding: garbage awaiting collection, not data. */
const MEMORY_BOUND = 96 * MiB;

interface Pass {
  frames: number;
  largestChunk: number;
  peakGrowth: number;
  middle: Float32Array | null;
}

/** Decodes a whole file, tracking resident memory and keeping one chunk from the middle. */
async function decodeAll(source: AudioSource, middleFrame: number): Promise<Pass> {
  const base = process.memoryUsage().rss;
  const pass: Pass = { frames: 0, largestChunk: 0, peakGrowth: 0, middle: null };
  for await (const chunk of source.pcm()) {
    const frames = chunkFrames(chunk);
    if (!pass.middle && pass.frames >= middleFrame) pass.middle = chunk.channels[0]!;
    pass.frames += frames;
    pass.largestChunk = Math.max(pass.largestChunk, frames);
    pass.peakGrowth = Math.max(pass.peakGrowth, process.memoryUsage().rss - base);
  }
  return pass;
}

describe('long files', () => {
  it('a 6-hour WAV (8 kHz, 8-bit, 173 MB) streams in flat memory to the exact sample', async () => {
    const rate = 8000;
    const frames = 6 * 3600 * rate;
    const path = join(dir, 'six-hours.wav');
    // 440 Hz at 8 kHz repeats exactly every 200 samples (11 cycles): write that period over and over.
    const period = new Uint8Array(200).map((_, i) =>
      Math.round(128 + 100 * Math.sin((2 * Math.PI * 440 * i) / rate)),
    );
    const block = new Uint8Array(200 * 5000);
    for (let at = 0; at < block.length; at += 200) block.set(period, at);
    const file = await openFile(path, 'w');
    await file.write(wavHeader(1, frames, { sampleRate: rate, bits: 8 }));
    for (let left = frames; left > 0; left -= block.length)
      await file.write(block, 0, Math.min(left, block.length));
    await file.close();
    const size = (await stat(path)).size;

    const source = await openAudio(path);
    expect(source.format.durationSeconds).toBe(6 * 3600);
    const pass = await decodeAll(source, frames / 2);
    expect(pass.frames).toBe(frames);
    expect(pass.largestChunk).toBe(PCM_CHUNK_FRAMES);
    expect(zeroCrossingHz(pass.middle!, rate)).toBeCloseTo(440, 0);
    expect(pass.peakGrowth).toBeLessThan(MEMORY_BOUND);
    expect(pass.peakGrowth).toBeLessThan(size / 1.8);
  });

  it('a 30-minute MP3 keeps every frame (length = frames × 576 − 529) in flat memory', async () => {
    const rate = 8000;
    // 20 s of LAME output written 90 times: each block starts with an empty bit reservoir.
    const block = await encodeMp3([sine(rate * 20, rate, 440, 0.5)], rate, 8000);
    const path = join(dir, 'half-hour.mp3');
    const file = await openFile(path, 'w');
    for (let i = 0; i < 90; i += 1) await file.write(block);
    await file.close();
    const frameCount = countMpegFrames(block) * 90;

    const source = await openAudio(path);
    expect(source.format).toMatchObject({ sampleRate: rate, channels: 1 });
    // No info frame: the length is estimated from the bitrate. Each block carries its own
    // encoder delay and padding, so the file plays a little longer than 30 minutes.
    expect(source.format.durationSeconds! / ((frameCount * 576) / rate)).toBeCloseTo(1, 2);
    const pass = await decodeAll(source, rate * 900);
    expect(pass.frames).toBe(frameCount * 576 - 529);
    expect(zeroCrossingHz(pass.middle!, rate)).toBeCloseTo(440, 0);
    expect(pass.peakGrowth).toBeLessThan(MEMORY_BOUND);
    expect(source.issues).toEqual([]);
  });

  it('a 1-hour FLAC (58 MB) decodes to STREAMINFO’s exact length in flat memory', async () => {
    const rate = 8000;
    const total = 3600 * rate;
    const tone = sine(4096 * 25, rate, 440, 0.5);
    const path = join(dir, 'hour.flac');
    const file = await openFile(path, 'w');
    await file.write(flacHeader(1, rate, 16, total));
    for (let start = 0, index = 0; start < total; start += 4096, index += 1) {
      await file.write(
        flacFrame([tone], (index % 25) * 4096, Math.min(4096, total - start), index, rate, 16),
      );
    }
    await file.close();

    const source = await openAudio(path);
    expect(source.format.durationSeconds).toBe(3600);
    const pass = await decodeAll(source, total / 2);
    expect(pass.frames).toBe(total);
    expect(pass.peakGrowth).toBeLessThan(MEMORY_BOUND);
    expect(source.issues).toEqual([]);
  });
});

/** Frames in an MP3 without tags, walked by their headers (MPEG-2.5 layer III here). */
function countMpegFrames(mp3: Uint8Array): number {
  let count = 0;
  for (let at = 0; at + 4 <= mp3.byteLength; count += 1) {
    const kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160][mp3[at + 2]! >> 4]!;
    at += Math.floor((72 * kbps * 1000) / 8000) + ((mp3[at + 2]! >> 1) & 1);
  }
  return count;
}
