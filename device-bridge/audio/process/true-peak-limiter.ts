/**
 * A look-ahead limiter that holds the true peak (4× oversampled, as the meter reads it) at or
 * under a ceiling, with a gain curve that never jumps, so it makes no clicks.
 *
 * For every sample we know, from the interpolator, the largest magnitude in its neighbourhood,
 * hence the gain it needs: min(1, ceiling / peak). The applied gain is that need run through
 *   1. a sliding minimum over look-ahead + hold samples (the gain is down before a peak arrives
 *      and stays down across the interpolator's reach around it),
 *   2. a moving average over the look-ahead (a straight-line attack instead of a step), and
 *   3. an exponential release (gain comes back slowly; it never rises above step 2's value).
 * Each step can only lower the gain below what the peaks around a sample need, and the signal
 * is delayed so that the flat bottom of each dip is centred on its peak. Output is therefore
 * under the ceiling by construction; a small safety margin absorbs the rounding to float32
 * and the slight unevenness of the gain inside the interpolator's reach.
 */
import { MovingAverage, SlidingMinimum } from './sliding-windows';
import { TruePeakInterpolator, TRUE_PEAK_LATENCY } from './true-peak';

export interface TruePeakLimiterOptions {
  sampleRate: number;
  channelCount: number;
  /** Gain applied before limiting (normalisation gain), linear. */
  gain: number;
  ceilingDbtp: number;
  lookAheadMs?: number;
  releaseMs?: number;
}

const DEFAULT_LOOK_AHEAD_MS = 5;
// 50 ms: long enough not to follow single cycles of a voice (which would distort), short
// enough that the dips after each syllable's peak do not cost much loudness.
const DEFAULT_RELEASE_MS = 50;
const SAFETY_MARGIN_DB = 0.05;
/** Half the hold: the interpolator reads TRUE_PEAK_LATENCY samples either side, plus slack. */
const HALF_HOLD = TRUE_PEAK_LATENCY + 2;

export class TruePeakLimiter {
  private readonly channelCount: number;
  private readonly gain: number;
  private readonly ceiling: number;
  private readonly interpolators: TruePeakInterpolator[];
  private readonly minimum: SlidingMinimum;
  private readonly average: MovingAverage;
  private readonly releaseCoefficient: number;
  /** Samples between input and output. */
  readonly latency: number;
  private readonly delay: Float64Array[];
  private framesIn = 0;
  private released = 1;
  private lowestGain = 1;

  constructor(options: TruePeakLimiterOptions) {
    const { sampleRate, channelCount } = options;
    this.channelCount = channelCount;
    this.gain = options.gain;
    this.ceiling = 10 ** ((options.ceilingDbtp - SAFETY_MARGIN_DB) / 20);
    const lookAhead = Math.max(
      1,
      Math.round(((options.lookAheadMs ?? DEFAULT_LOOK_AHEAD_MS) * sampleRate) / 1000),
    );
    this.interpolators = Array.from({ length: channelCount }, () => new TruePeakInterpolator());
    this.minimum = new SlidingMinimum(lookAhead + 2 * HALF_HOLD);
    this.average = new MovingAverage(lookAhead);
    const releaseFrames = ((options.releaseMs ?? DEFAULT_RELEASE_MS) * sampleRate) / 1000;
    this.releaseCoefficient = 1 - Math.exp(-1 / Math.max(1, releaseFrames));
    // The need for input n concerns sample n - TRUE_PEAK_LATENCY; the averaged minimum is flat
    // over the hold window ending lookAhead - 1 samples later; its middle is HALF_HOLD earlier.
    this.latency = TRUE_PEAK_LATENCY + lookAhead - 1 + HALF_HOLD;
    this.delay = Array.from({ length: channelCount }, () => new Float64Array(this.latency + 1));
  }

  /** The largest gain reduction so far, in dB (0 when the limiter never acted). */
  get maxReductionDb(): number {
    return this.lowestGain >= 1 ? 0 : -20 * Math.log10(this.lowestGain);
  }

  /** Applies gain and limiting; returns as many frames as have cleared the delay. */
  process(channels: Float32Array[]): Float32Array[] {
    const frames = channels[0]!.length;
    const gains = this.peaksOf(channels, frames);
    for (let i = 0; i < frames; i += 1) gains[i] = this.nextGain(gains[i]!);
    const skip = Math.min(frames, Math.max(0, this.latency - this.framesIn));
    const size = this.latency + 1;
    const start = this.framesIn % size;
    const out = channels.map((channel, c) => {
      const line = this.delay[c]!;
      const result = new Float32Array(frames - skip);
      const gain = this.gain;
      let slot = start;
      for (let i = 0; i < frames; i += 1) {
        line[slot] = channel[i]! * gain;
        slot = slot + 1 === size ? 0 : slot + 1;
        // The slot after the one just written holds the sample written `latency` frames ago.
        if (i >= skip) result[i - skip] = line[slot]! * gains[i]!;
      }
      return result;
    });
    this.framesIn += frames;
    return out;
  }

  /** Pushes silence through so the last `latency` frames come out. */
  flush(): Float32Array[] {
    const tail = Math.min(this.latency, this.framesIn);
    const zeros = Array.from({ length: this.channelCount }, () => new Float32Array(this.latency));
    const out = this.process(zeros);
    return out.map((channel) => channel.subarray(channel.length - tail));
  }

  /** Per frame, the largest neighbourhood peak over the channels (after gain). */
  private peaksOf(channels: Float32Array[], frames: number): Float64Array {
    const needs = new Float64Array(frames);
    const scratch = new Float64Array(frames);
    channels.forEach((channel, c) => {
      // Stretches that cannot reach the ceiling are skipped: their need is 1 either way.
      this.interpolators[c]!.push(channel, this.gain, scratch, this.ceiling);
      for (let i = 0; i < frames; i += 1) if (scratch[i]! > needs[i]!) needs[i] = scratch[i]!;
    });
    return needs;
  }

  private nextGain(peak: number): number {
    const need = peak > this.ceiling ? this.ceiling / peak : 1;
    // Idle (nothing to limit anywhere in the window, fully released): the gain is exactly 1,
    // and the window needs only to move on. This is most of any programme.
    if (need === 1 && this.released === 1 && this.minimum.isAllOnes()) {
      this.minimum.advance();
      return 1;
    }
    const smoothed = this.average.push(this.minimum.push(need));
    const released = this.released;
    const g = smoothed <= released ? smoothed : released + this.releaseCoefficient * (smoothed - released);
    // Snap the last, inaudible remainder so that untouched audio comes out bit-exact again.
    this.released = smoothed - g < 1e-7 ? smoothed : g;
    if (this.released < this.lowestGain) this.lowestGain = this.released;
    return this.released;
  }
}
