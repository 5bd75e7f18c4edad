/**
 * Test support: short tone files of known pitch and length in several formats (WAV at
 * 48 kHz and 44.1 kHz, MP3 through LAME), a byte-level walk over Ogg pages that shares no
 * code with the inspector, and a seeded random byte source. Used only by this folder's tests.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openAudio } from '../../audio/decode/open-audio.js';
import { encodeMp3, encodeWav, sine } from '../../audio/decode/make-test-audio.js';
import { chunkFrames } from '../../audio/pcm.js';

export interface ToneFile {
  path: string;
  hz: number;
  /** Frames once at 48 kHz, as our decoder and resampler give them. */
  frames48k: number;
}

export async function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'taf-test-'));
}

/** Three chapters: 48 kHz mono WAV, 44.1 kHz stereo WAV, 44.1 kHz mono MP3 (about 2.5 s in all). */
export async function makeToneFiles(dir: string): Promise<ToneFile[]> {
  const specs = [
    { name: 'one.wav', hz: 440, rate: 48_000, seconds: 1.0, channels: 1, mp3: false },
    { name: 'two.wav', hz: 660, rate: 44_100, seconds: 0.8, channels: 2, mp3: false },
    { name: 'three.mp3', hz: 880, rate: 44_100, seconds: 0.7, channels: 1, mp3: true },
  ];
  const files: ToneFile[] = [];
  for (const spec of specs) {
    const frames = Math.round(spec.rate * spec.seconds);
    const planes = Array.from({ length: spec.channels }, () => sine(frames, spec.rate, spec.hz, 0.5));
    const bytes = spec.mp3
      ? await encodeMp3(planes, spec.rate, 128)
      : encodeWav(planes, { sampleRate: spec.rate, bits: 16 });
    const path = join(dir, spec.name);
    await writeFile(path, bytes);
    files.push({ path, hz: spec.hz, frames48k: await decodedFrames48k(path) });
  }
  return files;
}

/** A mono 48 kHz WAV tone. */
export async function makeWavTone(dir: string, name: string, seconds: number, hz = 440): Promise<string> {
  const path = join(dir, name);
  await writeFile(
    path,
    encodeWav([sine(Math.round(48_000 * seconds), 48_000, hz, 0.5)], { sampleRate: 48_000, bits: 16 }),
  );
  return path;
}

/** Frames a file decodes to, scaled to 48 kHz with the resampler's rounding. */
async function decodedFrames48k(path: string): Promise<number> {
  const source = await openAudio(path);
  let frames = 0;
  for await (const chunk of source.pcm()) frames += chunkFrames(chunk);
  return Math.floor((frames * 48_000 * 2 + source.format.sampleRate) / (source.format.sampleRate * 2));
}

export interface RawPage {
  offset: number;
  size: number;
  flags: number;
  granule: bigint;
  serial: number;
  sequence: number;
}

/** Ogg pages found by reading headers back to back from `start`; stops at the first byte that is not `OggS`. */
export function rawPages(bytes: Uint8Array, start: number): RawPage[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pages: RawPage[] = [];
  for (let at = start; at + 27 <= bytes.length;) {
    if (String.fromCharCode(...bytes.subarray(at, at + 4)) !== 'OggS') break;
    const segments = bytes[at + 26]!;
    let size = 27 + segments;
    for (let i = 0; i < segments; i += 1) size += bytes[at + 27 + i]!;
    pages.push({
      offset: at - start,
      size,
      flags: bytes[at + 5]!,
      granule: view.getBigInt64(at + 6, true),
      serial: view.getUint32(at + 14, true),
      sequence: view.getUint32(at + 18, true),
    });
    at += size;
  }
  return pages;
}

/** Deterministic pseudo-random bytes (xorshift32), so a hostile-input test fails the same way every run. */
export function seededBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
