import { describe, expect, it } from 'vitest';
import { fadeInOut } from './fades';
import { collectPcm, pcmFromArrays } from './pcm-arrays';
import { countingStream, randomChunks, sine, toneSegments } from './test-signals';

const RATE = 48_000;

async function faded(input: Float32Array, options = {}): Promise<Float32Array> {
  return (await collectPcm(fadeInOut(pcmFromArrays(input, RATE), options)))!.channels[0]!;
}

/** Largest jump between neighbouring samples. */
function largestStep(samples: Float32Array): number {
  let worst = 0;
  for (let i = 1; i < samples.length; i += 1)
    worst = Math.max(worst, Math.abs(samples[i]! - samples[i - 1]!));
  return worst;
}

describe('fadeInOut', () => {
  it('fades a full-level signal in from 0 and out to 0 over 10 ms, raised-cosine', async () => {
    const input = new Float32Array(RATE).fill(0.8);
    const out = await faded(input);
    const fade = 480;
    expect(out[0]).toBe(0);
    expect(out[out.length - 1]).toBe(0);
    expect(out[fade / 2]).toBeCloseTo(0.4, 5); // half-way up the cosine
    expect(out[fade]).toBe(input[fade]);
    expect(out[out.length - 1 - fade]).toBeCloseTo(0.8, 6);
    expect(out.length).toBe(input.length);
  });

  it('adds no discontinuity: no step larger than the signal itself makes', async () => {
    // A loud 1 kHz tone cut mid-cycle: without fades it would jump from silence to 0.9.
    const tone = sine(1000, 0.5, RATE, -1, 1.3);
    const out = await faded(tone);
    expect(Math.abs(out[0]!)).toBeLessThan(1e-3);
    expect(Math.abs(out[out.length - 1]!)).toBeLessThan(1e-3);
    expect(largestStep(out)).toBeLessThanOrEqual(largestStep(tone) * 1.01);
  });

  it('applies both fades to a clip shorter than the two together, and none when asked', async () => {
    const short = new Float32Array(300).fill(1);
    const out = await faded(short);
    expect(out[0]).toBe(0);
    expect(out[299]).toBe(0);
    expect(Math.max(...out)).toBeLessThan(1);
    const untouched = await faded(short, { fadeInMs: 0, fadeOutMs: 0 });
    expect(Array.from(untouched)).toEqual(Array.from(short));
  });

  it('gives the same result for chunks of random sizes as for one big chunk, and leaves its input alone', async () => {
    const tone = sine(440, 0.3, RATE, -6, 0.5);
    const copy = tone.slice();
    const whole = await faded(tone, { fadeInMs: 25, fadeOutMs: 40 });
    const pieces = (await collectPcm(
      fadeInOut(randomChunks([tone], RATE, 9, 700), { fadeInMs: 25, fadeOutMs: 40 }),
    ))!;
    expect(Array.from(pieces.channels[0]!)).toEqual(Array.from(whole));
    expect(Array.from(tone)).toEqual(Array.from(copy));
  });

  it('holds back only the fade-out length', async () => {
    const { stream, framesRead } = countingStream(
      toneSegments([{ seconds: 3600, peakDbfs: -20 }], { sampleRate: RATE, channelCount: 2 }),
    );
    const iterator = fadeInOut(stream)[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    expect(framesRead()).toBeLessThanOrEqual(2 * 16_384);
    await iterator.return?.();
  });
});
