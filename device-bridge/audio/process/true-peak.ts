/**
 * True-peak estimation after ITU-R BS.1770-4 Annex 2: the signal is oversampled 4× by a
 * polyphase FIR interpolator and the largest magnitude of the oversampled signal is the true
 * peak. A converter's reconstruction filter can swing above the largest sample between
 * samples (up to +3 dB for a quarter-rate tone at 45° phase); the sample peak misses that.
 * Phase 0 of the interpolator is the input sample itself, so only the three in-between
 * points are computed, and the true peak is never below the sample peak.
 */
import { TAPS_PER_PHASE, designInterpolationPhases } from './true-peak-filter';

/** Input samples between a sample entering and its interpolated neighbourhood being known. */
export const TRUE_PEAK_LATENCY = TAPS_PER_PHASE / 2;

const PHASES = designInterpolationPhases() as [Float64Array, Float64Array, Float64Array];

/**
 * The ¼ and ¾ phases are mirror images and the ½ phase is symmetric, so each pair of taps
 * (k, TAPS − 1 − k) is folded: with s = a + b and d = a − b of the two samples, the ½ point
 * is Σ MID·s, and the ¼ / ¾ points are u ± v with u = Σ EVEN·s, v = Σ ODD·d. Three products
 * per pair instead of six.
 */
const HALF_TAPS = TAPS_PER_PHASE / 2;
const fold = (f: (k: number) => number): Float64Array =>
  Float64Array.from({ length: HALF_TAPS }, (_, k) => f(k));
const mirror = (k: number): number => TAPS_PER_PHASE - 1 - k;
const EVEN = fold((k) => (PHASES[0][k]! + PHASES[0][mirror(k)]!) / 2);
const ODD = fold((k) => (PHASES[0][k]! - PHASES[0][mirror(k)]!) / 2);
const MID = fold((k) => (PHASES[1][k]! + PHASES[1][mirror(k)]!) / 2);

/**
 * No interpolated point can exceed the largest nearby sample times this: the sum of a phase's
 * absolute taps (as folded above). It lets quiet stretches be skipped without computing them.
 */
const PEAK_BOUND = Math.max(
  EVEN.reduce((sum, e, k) => sum + Math.abs(e + ODD[k]!) + Math.abs(e - ODD[k]!), 0),
  MID.reduce((sum, m) => sum + 2 * Math.abs(m), 0),
);
/** Samples per skip decision; at least TAPS_PER_PHASE so the history bound covers a whole block. */
const BLOCK = 32;

/**
 * One channel's interpolator. History is a doubled ring: each sample is written twice, so the
 * last TAPS_PER_PHASE samples are always one contiguous run and the inner loop has no
 * wrap-around test.
 */
export class TruePeakInterpolator {
  private readonly history = new Float64Array(TAPS_PER_PHASE * 2);
  private position = 0; // where the next sample goes, in [0, TAPS_PER_PHASE)

  /**
   * Feeds samples (times `gain`). For input i, `out[i]` (when given) receives the largest
   * magnitude among the sample TRUE_PEAK_LATENCY places earlier and the three interpolated
   * points after it. Returns the largest such value in this call.
   *
   * Blocks whose every point is provably at most `skipBelow` are not interpolated: their
   * `out` entries receive that proof's bound instead (still ≤ `skipBelow`). A meter passes the
   * peak found so far; a limiter passes its ceiling. Most of real speech is skipped this way.
   */
  push(samples: ArrayLike<number>, gain = 1, out?: Float64Array, skipBelow = -Infinity): number {
    let peak = 0;
    for (let start = 0; start < samples.length; start += BLOCK) {
      const end = Math.min(samples.length, start + BLOCK);
      const bound = this.blockBound(samples, start, end, gain);
      if (bound <= skipBelow) {
        this.remember(samples, start, end, gain);
        if (out !== undefined) out.fill(bound, start, end);
      } else {
        peak = Math.max(peak, this.interpolate(samples, start, end, gain, out));
      }
    }
    return peak;
  }

  /** The peak of the last samples' neighbourhoods as if silence followed; leaves this one as it was. */
  tailPeak(): number {
    const copy = new TruePeakInterpolator();
    copy.history.set(this.history);
    copy.position = this.position;
    return copy.push(new Float64Array(TRUE_PEAK_LATENCY));
  }

  private blockBound(samples: ArrayLike<number>, start: number, end: number, gain: number): number {
    let max = 0;
    for (let k = 0; k < TAPS_PER_PHASE; k += 1) max = Math.max(max, Math.abs(this.history[k]!));
    const scale = Math.abs(gain);
    for (let i = start; i < end; i += 1) max = Math.max(max, Math.abs(samples[i]!) * scale);
    return max * PEAK_BOUND;
  }

  private remember(samples: ArrayLike<number>, start: number, end: number, gain: number): void {
    const h = this.history;
    const taps = TAPS_PER_PHASE;
    // Samples before the last `taps` would be overwritten anyway: write only those, each at
    // the ring slot it would have reached.
    const first = Math.max(start, end - taps);
    let pos = (this.position + (first - start)) % taps;
    for (let i = first; i < end; i += 1) {
      const x = samples[i]! * gain;
      h[pos] = x;
      h[pos + taps] = x;
      pos = pos + 1 === taps ? 0 : pos + 1;
    }
    this.position = pos;
  }

  private interpolate(
    samples: ArrayLike<number>,
    start: number,
    end: number,
    gain: number,
    out: Float64Array | undefined,
  ): number {
    const h = this.history;
    const taps = TAPS_PER_PHASE;
    let peak = 0;
    let pos = this.position;
    for (let i = start; i < end; i += 1) {
      const x = samples[i]! * gain;
      h[pos] = x;
      h[pos + taps] = x;
      // The newest sample sits at newest, the oldest at oldest; tap k reads the sample k places older.
      const newest = pos + taps;
      const oldest = pos + 1;
      let u = 0;
      let v = 0;
      let w = 0;
      for (let k = 0; k < HALF_TAPS; k += 1) {
        const a = h[newest - k]!;
        const b = h[oldest + k]!;
        const sum = a + b;
        u += EVEN[k]! * sum;
        v += ODD[k]! * (a - b);
        w += MID[k]! * sum;
      }
      const m = Math.max(
        Math.abs(h[newest - TRUE_PEAK_LATENCY]!),
        Math.abs(u + v),
        Math.abs(u - v),
        Math.abs(w),
      );
      if (out !== undefined) out[i] = m;
      if (m > peak) peak = m;
      pos = pos + 1 === taps ? 0 : pos + 1;
    }
    this.position = pos;
    return peak;
  }
}
