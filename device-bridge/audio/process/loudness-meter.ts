/**
 * Loudness as ITU-R BS.1770-4 and EBU R128 define it, measured incrementally in constant
 * memory: integrated loudness (K-weighting, 400 ms blocks every 100 ms, absolute gate −70 LUFS,
 * relative gate −10 LU), loudness range (EBU Tech 3342: 3 s blocks, relative gate −20 LU,
 * 10th to 95th percentile), maximum momentary and short-term loudness, sample peak and true
 * peak (4× oversampled, BS.1770-4 Annex 2).
 */
import { type PcmChunk, type PcmStream, chunkFrames } from '../pcm';
import { AudioProcessError, checkOption } from './audio-process-error';
import { checkSameFormat, checkedPcm } from './checked-pcm';
import { type Biquad, kWeightingHighPass, kWeightingShelf } from './k-weighting';
import { LoudnessHistogram, loudnessOf } from './loudness-histogram';
import { TruePeakInterpolator } from './true-peak';

export interface LoudnessResult {
  /** Gated integrated loudness; −Infinity for silence (nothing above the absolute gate). */
  integratedLufs: number;
  /** EBU Tech 3342 loudness range; 0 when shorter than one 3 s block. */
  loudnessRangeLu: number;
  maxMomentaryLufs: number;
  maxShortTermLufs: number;
  /** Largest 4×-oversampled magnitude, in dB relative to full scale; −Infinity for digital silence. */
  truePeakDbtp: number;
  samplePeakDbfs: number;
  durationSeconds: number;
}

export interface LoudnessMeterOptions {
  /** BS.1770 channel weights; default 1 for each channel, and the 5.0 / 5.1 weights for 5 / 6 channels. */
  channelWeights?: number[];
  /** Skip the true-peak oversampler (the costliest part) when only loudness is wanted. */
  truePeak?: boolean;
}

export interface LoudnessMeter {
  push(chunk: PcmChunk): void;
  result(): LoudnessResult;
}

const RELATIVE_GATE_LU = -10;
const RANGE_RELATIVE_GATE_LU = -20;
const MOMENTARY_STEPS = 4; // 400 ms in 100 ms steps
const SHORT_TERM_STEPS = 30; // 3 s in 100 ms steps

export function createLoudnessMeter(
  sampleRate: number,
  channelCount: number,
  options: LoudnessMeterOptions = {},
): LoudnessMeter {
  return new BS1770Meter(sampleRate, channelCount, options);
}

/** Measures a whole stream. An empty stream reads as silence of zero length. */
export async function measureLoudness(
  pcm: PcmStream,
  options: LoudnessMeterOptions = {},
): Promise<LoudnessResult> {
  let meter: LoudnessMeter | undefined;
  for await (const chunk of checkedPcm(pcm, 'measureLoudness')) {
    meter ??= createLoudnessMeter(chunk.sampleRate, chunk.channels.length, options);
    meter.push(chunk);
  }
  return meter?.result() ?? silentLoudness(0);
}

/** What the meter reads for digital silence of the given length. */
export function silentLoudness(durationSeconds: number): LoudnessResult {
  return {
    integratedLufs: -Infinity,
    loudnessRangeLu: 0,
    maxMomentaryLufs: -Infinity,
    maxShortTermLufs: -Infinity,
    truePeakDbtp: -Infinity,
    samplePeakDbfs: -Infinity,
    durationSeconds,
  };
}

/** BS.1770-4 Table 3: left, right, centre 1.0; LFE excluded; surrounds 1.41. */
function defaultWeights(channelCount: number): number[] {
  if (channelCount === 5) return [1, 1, 1, 1.41, 1.41];
  if (channelCount === 6) return [1, 1, 1, 0, 1.41, 1.41];
  return Array.from({ length: channelCount }, () => 1);
}

class BS1770Meter implements LoudnessMeter {
  private readonly format;
  private readonly weights: number[];
  private readonly shelf: Biquad;
  private readonly highPass: Biquad;
  /** Per channel: the two direct-form-II-transposed states of each of the two biquads. */
  private readonly filterStates: Float64Array[];
  private readonly interpolators: TruePeakInterpolator[] | null;
  private readonly stepFrames: number;
  private readonly recentSteps = new Float64Array(SHORT_TERM_STEPS);
  private readonly blocks = new LoudnessHistogram();
  private readonly shortTermBlocks = new LoudnessHistogram();
  private stepEnergy = 0;
  private stepFilled = 0;
  private steps = 0;
  private frames = 0;
  private allEnergy = 0;
  private samplePeak = 0;
  private truePeak = 0;
  private maxMomentary = -Infinity;
  private maxShortTerm = -Infinity;

  constructor(sampleRate: number, channelCount: number, options: LoudnessMeterOptions) {
    checkOption('loudness meter', 'sampleRate', sampleRate, 1000, 768_000);
    checkOption('loudness meter', 'channel count', channelCount, 1, 64);
    this.format = { sampleRate, channelCount };
    this.weights = options.channelWeights ?? defaultWeights(channelCount);
    if (this.weights.length !== channelCount)
      throw new AudioProcessError(
        'invalid-option',
        `loudness meter: ${this.weights.length} channel weights given for ${channelCount} channels`,
      );
    this.shelf = kWeightingShelf(sampleRate);
    this.highPass = kWeightingHighPass(sampleRate);
    this.filterStates = this.weights.map(() => new Float64Array(4));
    this.interpolators =
      options.truePeak === false ? null : this.weights.map(() => new TruePeakInterpolator());
    // 100 ms; at rates not divisible by 10 the step is rounded, as libebur128 and ffmpeg do.
    this.stepFrames = Math.round(sampleRate / 10);
  }

  push(chunk: PcmChunk): void {
    checkSameFormat(this.format, chunk, 'loudness meter');
    const frames = chunkFrames(chunk);
    chunk.channels.forEach((channel, c) => this.measurePeaks(channel, c));
    for (let start = 0; start < frames;) {
      const end = Math.min(frames, start + this.stepFrames - this.stepFilled);
      let energy = 0;
      chunk.channels.forEach((channel, c) => {
        const weight = this.weights[c]!;
        if (weight !== 0) energy += weight * this.filteredEnergy(channel, start, end, this.filterStates[c]!);
      });
      this.stepEnergy += energy;
      this.stepFilled += end - start;
      if (this.stepFilled === this.stepFrames) this.completeStep();
      start = end;
    }
    this.frames += frames;
  }

  result(): LoudnessResult {
    const duration = this.frames / this.format.sampleRate;
    const tail = this.interpolators?.reduce((peak, tp) => Math.max(peak, tp.tailPeak()), 0) ?? 0;
    const truePeak = Math.max(this.truePeak, tail, this.samplePeak);
    return {
      integratedLufs: this.integrated(),
      loudnessRangeLu: this.loudnessRange(),
      maxMomentaryLufs: this.maxMomentary,
      maxShortTermLufs: this.maxShortTerm,
      truePeakDbtp: decibels(this.interpolators === null ? this.samplePeak : truePeak),
      samplePeakDbfs: decibels(this.samplePeak),
      durationSeconds: duration,
    };
  }

  private integrated(): number {
    // Clips shorter than one 400 ms block have no gating block; BS.1770 leaves them undefined,
    // and a spoken "yes" in a menu still needs a level, so they are measured as one short block.
    if (this.steps < MOMENTARY_STEPS) {
      const energy = this.allEnergy + this.stepEnergy;
      const loudness = this.frames === 0 ? -Infinity : loudnessOf(energy / this.frames);
      return loudness > -70 ? loudness : -Infinity;
    }
    return this.blocks.gatedLoudness(this.blocks.relativeGate(RELATIVE_GATE_LU));
  }

  private loudnessRange(): number {
    const hist = this.shortTermBlocks;
    if (hist.blocks === 0) return 0;
    const gate = hist.relativeGate(RANGE_RELATIVE_GATE_LU);
    return Math.max(0, hist.percentile(gate, 0.95) - hist.percentile(gate, 0.1));
  }

  private measurePeaks(channel: Float32Array, c: number): void {
    let peak = this.samplePeak;
    for (let i = 0; i < channel.length; i += 1) {
      const v = Math.abs(channel[i]!);
      if (v > peak) peak = v;
    }
    this.samplePeak = peak;
    const interpolator = this.interpolators?.[c];
    // Stretches that cannot beat the peak found so far are skipped (see TruePeakInterpolator.push).
    if (interpolator !== undefined)
      this.truePeak = Math.max(this.truePeak, interpolator.push(channel, 1, undefined, this.truePeak));
  }

  /** Σ y² of the K-weighted channel[start, end); filter state carries over to the next call. */
  private filteredEnergy(channel: Float32Array, start: number, end: number, state: Float64Array): number {
    const { b0, b1, b2, a1, a2 } = this.shelf;
    const { b0: c0, b1: c1, b2: c2, a1: d1, a2: d2 } = this.highPass;
    let s1 = state[0]!;
    let s2 = state[1]!;
    let t1 = state[2]!;
    let t2 = state[3]!;
    let energy = 0;
    for (let i = start; i < end; i += 1) {
      const x = channel[i]!;
      const y = b0 * x + s1;
      s1 = b1 * x - a1 * y + s2;
      s2 = b2 * x - a2 * y;
      const z = c0 * y + t1;
      t1 = c1 * y - d1 * z + t2;
      t2 = c2 * y - d2 * z;
      energy += z * z;
    }
    state[0] = s1;
    state[1] = s2;
    state[2] = t1;
    state[3] = t2;
    return energy;
  }

  private completeStep(): void {
    this.recentSteps[this.steps % SHORT_TERM_STEPS] = this.stepEnergy;
    this.allEnergy += this.stepEnergy;
    this.steps += 1;
    this.stepEnergy = 0;
    this.stepFilled = 0;
    if (this.steps >= MOMENTARY_STEPS) {
      const meanSquare = this.recentEnergy(MOMENTARY_STEPS) / (MOMENTARY_STEPS * this.stepFrames);
      this.blocks.add(meanSquare);
      this.maxMomentary = Math.max(this.maxMomentary, loudnessOf(meanSquare));
    }
    if (this.steps >= SHORT_TERM_STEPS) {
      const meanSquare = this.recentEnergy(SHORT_TERM_STEPS) / (SHORT_TERM_STEPS * this.stepFrames);
      this.shortTermBlocks.add(meanSquare);
      this.maxShortTerm = Math.max(this.maxShortTerm, loudnessOf(meanSquare));
    }
  }

  /** Sum of the last `count` completed 100 ms steps. */
  private recentEnergy(count: number): number {
    let sum = 0;
    for (let k = 1; k <= count; k += 1) sum += this.recentSteps[(this.steps - k) % SHORT_TERM_STEPS]!;
    return sum;
  }
}

function decibels(amplitude: number): number {
  return amplitude > 0 ? 20 * Math.log10(amplitude) : -Infinity;
}
