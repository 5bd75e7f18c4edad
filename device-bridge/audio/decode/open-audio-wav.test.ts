import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PCM_CHUNK_FRAMES, chunkFrames } from '../pcm.js';
import { collectPcm as collect, encodeWav, sine, zeroCrossingHz, type WavSpec } from './make-test-audio.js';
import { AudioDecodeError, openAudio } from './open-audio.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talemo-wav-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const RATE = 22050;
const FRAMES = RATE * 2 + 37; // not a multiple of anything convenient
const left = sine(FRAMES, RATE, 440, 0.8);
const right = sine(FRAMES, RATE, 1000, 0.5);

/** One step of an n-bit integer sample. */
const lsb = (bits: number): number => 1 / 2 ** (bits - 1);

// Writers scale by 2^(n-1) - 1 and readers by 2^(n-1), so besides rounding (half a step)
// a full-scale value reads up to one step low: 1.5 steps covers both. Floats are exact.
const layouts: Array<[string, WavSpec, number]> = [
  ['8-bit', { sampleRate: RATE, bits: 8 }, 1.5 * lsb(8)],
  ['16-bit', { sampleRate: RATE, bits: 16 }, 1.5 * lsb(16)],
  ['24-bit', { sampleRate: RATE, bits: 24 }, 1.5 * lsb(24)],
  ['32-bit', { sampleRate: RATE, bits: 32 }, 1e-7],
  ['float32', { sampleRate: RATE, bits: 32, float: true }, 0],
  ['float64', { sampleRate: RATE, bits: 64, float: true }, 1e-7],
  ['24-bit extensible', { sampleRate: RATE, bits: 24, extensible: true }, 1.5 * lsb(24)],
  ['float32 extensible', { sampleRate: RATE, bits: 32, float: true, extensible: true }, 0],
];

describe('openAudio on WAV', () => {
  it.each(layouts)('decodes %s stereo sample for sample', async (name, spec, tolerance) => {
    const path = join(dir, `${name.replace(/\s/g, '-')}.wav`);
    await writeFile(path, encodeWav([left, right], spec));
    const source = await openAudio(path);
    expect(source.format).toMatchObject({
      container: 'wav',
      codec: 'pcm',
      sampleRate: RATE,
      channels: 2,
      bitsPerSample: spec.bits,
      durationSeconds: FRAMES / RATE,
    });
    expect(source.format.extensionMismatch).toBeUndefined();
    expect(source.issues).toEqual([]);
    const { planes, rate, chunks } = await collect(source.pcm());
    expect(rate).toBe(RATE);
    expect(planes[0]!.length).toBe(FRAMES);
    expect(Math.max(...chunks)).toBeLessThanOrEqual(PCM_CHUNK_FRAMES);
    let worst = 0;
    for (let i = 0; i < FRAMES; i += 1) {
      worst = Math.max(worst, Math.abs(planes[0]![i]! - left[i]!), Math.abs(planes[1]![i]! - right[i]!));
    }
    expect(worst).toBeLessThanOrEqual(tolerance);
    expect(zeroCrossingHz(planes[0]!, RATE)).toBeCloseTo(440, 0);
    expect(zeroCrossingHz(planes[1]!, RATE)).toBeCloseTo(1000, 0);
  });

  it('reads the file again on each pcm() call (two passes: measure, then apply)', async () => {
    const path = join(dir, 'twice.wav');
    await writeFile(path, encodeWav([left], { sampleRate: RATE, bits: 16 }));
    const source = await openAudio(path);
    const first = await collect(source.pcm());
    const second = await collect(source.pcm());
    expect(second.planes[0]).toEqual(first.planes[0]);
  });

  it('refuses compressed WAV (ADPCM) by name', async () => {
    const bytes = encodeWav([left], { sampleRate: RATE, bits: 16 });
    new DataView(bytes.buffer).setUint16(20, 0x0011, true); // IMA ADPCM
    const path = join(dir, 'adpcm.wav');
    await writeFile(path, bytes);
    const error = await openAudio(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AudioDecodeError);
    expect(error).toMatchObject({ code: 'unsupported' });
    expect((error as Error).message).toBe(
      'adpcm.wav is a WAV file compressed with IMA ADPCM, which Talemo cannot read; save it as plain PCM WAV',
    );
  });

  it('reads to the end of the file when a recorder left the size open', async () => {
    const bytes = encodeWav([left], { sampleRate: RATE, bits: 16, announcedDataBytes: 0xffffffff });
    const path = join(dir, 'open-size.wav');
    await writeFile(path, bytes);
    const source = await openAudio(path);
    expect(source.issues).toEqual([]);
    expect((await collect(source.pcm())).planes[0]!.length).toBe(FRAMES);
  });

  it('stops when the signal aborts', async () => {
    const path = join(dir, 'abort.wav');
    await writeFile(path, encodeWav([left], { sampleRate: RATE, bits: 16 }));
    const controller = new AbortController();
    const source = await openAudio(path);
    const reading = (async () => {
      for await (const chunk of source.pcm({ signal: controller.signal })) {
        expect(chunkFrames(chunk)).toBeGreaterThan(0);
        controller.abort();
      }
    })();
    await expect(reading).rejects.toThrow(/abort/i);
  });
});
