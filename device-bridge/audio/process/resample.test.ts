import pkg from '@alexanderolsen/libsamplerate-js';
import { describe, expect, it } from 'vitest';
import type { PcmStream } from '../pcm';
import { AudioProcessError } from './audio-process-error';
import { collectPcm, pcmFromArrays } from './pcm-arrays';
import { resample, resampledLength } from './resample';
import { randomChunks, sine } from './test-signals';

const { create, ConverterType } = pkg;

/** Frequency of the strongest component near `guess`, by a fine DFT scan over the middle of the signal. */
function dominantHz(samples: Float32Array, sampleRate: number, guess: number): number {
  const middle = samples.subarray(Math.floor(samples.length / 4), Math.floor((3 * samples.length) / 4));
  let best = guess;
  let bestPower = -1;
  for (let hz = guess - 5; hz <= guess + 5; hz += 0.05) {
    let re = 0;
    let im = 0;
    const w = (2 * Math.PI * hz) / sampleRate;
    for (let i = 0; i < middle.length; i += 1) {
      re += middle[i]! * Math.cos(w * i);
      im += middle[i]! * Math.sin(w * i);
    }
    const power = re * re + im * im;
    if (power > bestPower) {
      bestPower = power;
      best = hz;
    }
  }
  return best;
}

async function resampled(input: PcmStream, rate: number): Promise<Float32Array[]> {
  return (await collectPcm(resample(input, rate)))?.channels ?? [];
}

describe('resample', () => {
  it('turns a 1 kHz tone at 44.1 kHz into a 1 kHz tone at 48 kHz of the exact length', async () => {
    const tone = sine(1000, 2, 44_100, -6);
    const out = await collectPcm(resample(pcmFromArrays(tone, 44_100), 48_000));
    expect(out!.sampleRate).toBe(48_000);
    expect(out!.channels[0]!.length).toBe(96_000);
    expect(dominantHz(out!.channels[0]!, 48_000, 1000)).toBeCloseTo(1000, 1);
    // Away from the edges the samples are those of the ideal 48 kHz tone.
    const ideal = sine(1000, 2, 48_000, -6);
    let worst = 0;
    for (let i = 1000; i < 95_000; i += 1)
      worst = Math.max(worst, Math.abs(out!.channels[0]![i]! - ideal[i]!));
    expect(worst).toBeLessThan(1e-3);
  });

  it.each([
    [44_100, 48_000, 12_345],
    [48_000, 44_100, 100_003],
    [16_000, 44_100, 7],
    [22_050, 48_000, 1],
    [44_100, 16_000, 33_333],
    [48_000, 8_000, 5],
  ])('gives round(frames × ratio) frames from %i to %i Hz for %i frames', async (from, to, frames) => {
    const input = sine(440, frames / from, from, -12);
    expect(input.length).toBe(frames);
    const [out] = await resampled(pcmFromArrays(input, from), to);
    expect(out!.length).toBe(resampledLength(frames, from, to));
    expect(out!.length).toBe(Math.round((frames * to) / from));
  });

  it('loses nothing at the end: the same samples as converting the whole clip at once', async () => {
    const tone = sine(3000, 1.5, 44_100, -3);
    const [streamed] = await resampled(randomChunks([tone], 44_100, 11), 48_000);
    const oneShot = await create(1, 44_100, 48_000, { converterType: ConverterType.SRC_SINC_MEDIUM_QUALITY });
    const reference = oneShot.simple(tone);
    oneShot.destroy();
    expect(streamed!.length).toBe(reference.length);
    let worst = 0;
    for (let i = 0; i < reference.length; i += 1)
      worst = Math.max(worst, Math.abs(streamed![i]! - reference[i]!));
    expect(worst).toBeLessThan(1e-6);
    // The last few milliseconds hold the tone, not silence.
    const tail = streamed!.subarray(streamed!.length - 48);
    expect(Math.max(...tail.map(Math.abs))).toBeGreaterThan(0.3);
  });

  it('gives the same output for chunks of random sizes as for one big chunk, per channel', async () => {
    const left = sine(1000, 1, 48_000, -6);
    const right = new Float32Array(left.length);
    const whole = await resampled(pcmFromArrays([left, right], 48_000, left.length), 44_100);
    const pieces = await resampled(randomChunks([left, right], 48_000, 5), 44_100);
    expect(pieces[0]!.length).toBe(whole[0]!.length);
    for (let i = 0; i < whole[0]!.length; i += 1)
      expect(Math.abs(pieces[0]![i]! - whole[0]![i]!)).toBeLessThan(1e-6);
    expect(Math.max(...whole[1]!.map(Math.abs))).toBeLessThan(1e-6); // no crosstalk into the silent channel
  });

  it('passes chunks through untouched when the rate already matches', async () => {
    const chunk = { sampleRate: 44_100, channels: [sine(440, 0.1, 44_100, -6)] };
    const seen = [];
    for await (const out of resample(
      (async function* () {
        yield chunk;
      })(),
      44_100,
    ))
      seen.push(out);
    expect(seen).toEqual([chunk]);
    expect(seen[0]).toBe(chunk);
  });

  it('emits chunks no longer than PCM_CHUNK_FRAMES, even when upsampling', async () => {
    const lengths: number[] = [];
    for await (const chunk of resample(pcmFromArrays(sine(440, 2, 8_000, -6), 8_000), 48_000))
      lengths.push(chunk.channels[0]!.length);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(16_384);
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(96_000);
  });

  it('refuses a rate it cannot produce', async () => {
    await expect(resampled(pcmFromArrays(new Float32Array(10), 44_100), 0)).rejects.toThrow(
      AudioProcessError,
    );
    await expect(resampled(pcmFromArrays(new Float32Array(10), 44_100), 44_100.5)).rejects.toThrow(
      /whole Hz/,
    );
  });
});
