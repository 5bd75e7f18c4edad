import { describe, expect, it } from 'vitest';
import { measureLoudness } from './loudness-meter';
import { pcmFromArrays } from './pcm-arrays';
import { TruePeakLimiter } from './true-peak-limiter';
import { concat, sine, speechLike } from './test-signals';

const RATE = 44_100;

function limit(
  samples: Float32Array,
  gainDb: number,
  ceilingDbtp: number,
  chunk = 4096,
): { out: Float32Array; limiter: TruePeakLimiter } {
  const limiter = new TruePeakLimiter({
    sampleRate: RATE,
    channelCount: 1,
    gain: 10 ** (gainDb / 20),
    ceilingDbtp,
  });
  const parts: Float32Array[] = [];
  for (let start = 0; start < samples.length; start += chunk)
    parts.push(limiter.process([samples.subarray(start, start + chunk)])[0]!);
  parts.push(limiter.flush()[0]!);
  return { out: concat(...parts), limiter };
}

describe('true-peak limiter', () => {
  it('keeps every frame, in order, delayed by nothing once flushed', () => {
    const input = sine(440, 1.3, RATE, -30);
    const { out, limiter } = limit(input, 0, -1);
    expect(out.length).toBe(input.length);
    expect(limiter.maxReductionDb).toBe(0);
    expect(Array.from(out)).toEqual(Array.from(input)); // untouched audio is bit-exact
  });

  it('holds the true peak of loud speech-like audio under the ceiling', async () => {
    const input = speechLike(8, RATE, { level: 0.3, crestBoost: 3 });
    const { out, limiter } = limit(input, 6, -1);
    const measured = await measureLoudness(pcmFromArrays(out, RATE));
    expect(limiter.maxReductionDb).toBeGreaterThan(3);
    expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1);
  });

  it('moves its gain smoothly: no step larger than a straight 5 ms ramp, so no clicks', () => {
    // A quiet tone with a loud burst in the middle: the gain must dip and recover.
    const quiet = sine(200, 0.5, RATE, -20);
    const loud = sine(200, 0.2, RATE, 0);
    const input = concat(quiet, loud, quiet);
    const gainDb = 0;
    const { out, limiter } = limit(input, gainDb, -6);
    // Recover the gain curve where the input is far from zero.
    const lookAhead = Math.round(0.005 * RATE);
    const depth = 1 - 10 ** (-limiter.maxReductionDb / 20);
    let previous: number | null = null;
    let largestStep = 0;
    for (let i = 0; i < input.length; i += 1) {
      if (Math.abs(input[i]!) < 0.05) {
        previous = null;
        continue;
      }
      const g = out[i]! / input[i]!;
      if (previous !== null) largestStep = Math.max(largestStep, Math.abs(g - previous));
      previous = g;
    }
    expect(limiter.maxReductionDb).toBeGreaterThan(5);
    expect(largestStep).toBeLessThanOrEqual((depth / lookAhead) * 1.05 + 1e-6);
  });
});
