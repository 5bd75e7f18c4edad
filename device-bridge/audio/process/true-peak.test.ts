import { describe, expect, it } from 'vitest';
import { TRUE_PEAK_LATENCY, TruePeakInterpolator } from './true-peak';
import { seededRandom } from './test-signals';

/** The largest reading over a sine of amplitude 1 (after the start-up transient). */
function readPeak(cyclesPerSample: number, phase: number, skipBelow?: number): number {
  const samples = new Float64Array(4000);
  for (let i = 0; i < samples.length; i += 1)
    samples[i] = Math.sin(2 * Math.PI * cyclesPerSample * i + phase);
  const out = new Float64Array(samples.length);
  new TruePeakInterpolator().push(samples, 1, out, skipBelow);
  return Math.max(...out.subarray(200));
}

describe('true-peak interpolator', () => {
  it('reads a sine within 4× oversampling error (+0.02 / -0.5 dB) up to 0.4 of the sample rate', () => {
    const random = seededRandom(3);
    for (const f of [0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4]) {
      for (let k = 0; k < 8; k += 1) {
        const db = 20 * Math.log10(readPeak(f, random() * 2 * Math.PI));
        expect(db).toBeLessThan(0.02);
        expect(db).toBeGreaterThan(-0.5);
      }
    }
  });

  it('finds a peak midway between samples that the samples miss by 3 dB', () => {
    // sin(πn/2 + π/4): every sample is ±0.707, the waveform reaches 1 at n + 1/2.
    expect(readPeak(0.25, Math.PI / 4)).toBeCloseTo(1, 3);
  });

  it('never reads below the largest sample (phase 0 is the sample itself)', () => {
    const random = seededRandom(9);
    const samples = Float64Array.from({ length: 5000 }, () => random() * 2 - 1);
    const out = new Float64Array(samples.length);
    const interpolator = new TruePeakInterpolator();
    interpolator.push(samples, 1, out);
    for (let i = TRUE_PEAK_LATENCY; i < samples.length; i += 1)
      expect(out[i]).toBeGreaterThanOrEqual(Math.abs(samples[i - TRUE_PEAK_LATENCY]!));
  });

  it('skips only stretches that provably stay under the skip level, never changing the peak found', () => {
    const random = seededRandom(5);
    const samples = Float64Array.from(
      { length: 20_000 },
      (_, i) => (random() * 2 - 1) * (i % 5000 < 200 ? 1 : 0.05),
    );
    const full = new TruePeakInterpolator().push(samples);
    const skipping = new TruePeakInterpolator();
    let peak = 0;
    for (let start = 0; start < samples.length; start += 1000)
      peak = Math.max(peak, skipping.push(samples.subarray(start, start + 1000), 1, undefined, peak));
    expect(peak).toBe(full);
  });

  it('reports the ring-out after the last sample, as if silence followed, without changing its state', () => {
    const interpolator = new TruePeakInterpolator();
    const step = new Float64Array(100).fill(1);
    interpolator.push(step);
    const tail = interpolator.tailPeak();
    expect(tail).toBeGreaterThan(1); // a hard stop rings over the last level (Gibbs)
    expect(interpolator.tailPeak()).toBe(tail);
  });
});
