/**
 * Two-pass loudness normalisation to a target (default −14 LUFS, the median of official Lunii
 * packs) under a true-peak ceiling (default −1 dBTP).
 *
 * Pass 1 reads `source()` and measures it. The final pass reads `source()` again (the source
 * re-reads the file; nothing is buffered) and applies the gain. When the gain would push the
 * true peak over the ceiling, a look-ahead limiter holds it under; limiting lowers loudness a
 * little, so before the final pass up to `calibrationPasses` extra reads run the gain and
 * limiter without output, measure what comes out, and raise the gain by the shortfall. When
 * no limiting is needed (the common case for quiet speech) there are exactly two reads and the
 * result is exact: gain is linear.
 */
import { type PcmChunk, type PcmStream, chunkFrames } from '../pcm';
import { AudioProcessError, checkOption } from './audio-process-error';
import { type PcmFormat, checkSameFormat, checkedPcm, formatOf } from './checked-pcm';
import {
  type LoudnessMeter,
  type LoudnessResult,
  createLoudnessMeter,
  silentLoudness,
} from './loudness-meter';
import { TruePeakLimiter } from './true-peak-limiter';

export interface NormaliseOptions {
  targetLufs?: number;
  truePeakCeilingDbtp?: number;
  /** Extra measuring reads allowed when the limiter must act (default 3; 0 keeps the plain gain). */
  calibrationPasses?: number;
  /** The most the gain may be raised above the plain gain to make up for limiting (default 6 dB). */
  maxMakeUpDb?: number;
  signal?: AbortSignal;
}

export interface NormaliseReport {
  /** Pass-1 measurement of the source. */
  input: LoudnessResult;
  /** Gain applied before the limiter, in dB (0 for silence). */
  gainDb: number;
  limiterEngaged: boolean;
  /** Deepest gain reduction of the limiter, in dB. */
  maxGainReductionDb: number;
  /** Measurement of what came out of the final pass. */
  output: LoudnessResult;
  /** Times `source()` was read, the final pass included. */
  passes: number;
}

export interface LoudnessNormalisation {
  /** Pass-1 measurement, known once normaliseLoudness resolves. */
  input: LoudnessResult;
  gainDb: number;
  /** The normalised audio: each iteration reads the source once more. */
  pcm: PcmStream;
  /** Gain, limiting and output loudness; available once `pcm` has been read to its end. */
  report(): NormaliseReport;
}

const DEFAULT_TARGET_LUFS = -14;
const DEFAULT_CEILING_DBTP = -1;
/** Calibration stops once the output is this close to the target. */
const CALIBRATION_TOLERANCE_LU = 0.1;
/** Predicted peaks this far under the ceiling still get the limiter (it keeps its own margin). */
const LIMITER_HEADROOM_DB = 0.1;
/** LU of output per dB of gain below which more gain only adds distortion (the ceiling is reached). */
const MIN_USEFUL_SLOPE = 0.05;

export async function normaliseLoudness(
  source: () => PcmStream,
  options: NormaliseOptions = {},
): Promise<LoudnessNormalisation> {
  const settings = checkedSettings(options);
  const reader = new SourceReader(source, options.signal);
  const first = await reader.measure();
  if (first === null || first.result.integratedLufs === -Infinity) return passThrough(first, reader);

  const { result: input, format } = first;
  const plainGainDb = settings.targetLufs - input.integratedLufs;
  const limit = input.truePeakDbtp + plainGainDb > settings.ceilingDbtp - LIMITER_HEADROOM_DB;
  const gainDb = limit ? await calibratedGain(reader, first, plainGainDb, settings) : plainGainDb;

  let report: NormaliseReport | null = null;
  const pcm: PcmStream = {
    [Symbol.asyncIterator]: async function* () {
      const meter = createLoudnessMeter(format.sampleRate, format.channelCount);
      const stats = { maxGainReductionDb: 0 };
      for await (const chunk of reader.gained(first, gainDb, limit ? settings.ceilingDbtp : null, stats)) {
        meter.push(chunk);
        yield chunk;
      }
      report = {
        input,
        gainDb,
        limiterEngaged: stats.maxGainReductionDb > 0,
        maxGainReductionDb: stats.maxGainReductionDb,
        output: meter.result(),
        passes: reader.passes,
      };
    },
  };
  return { input, gainDb, pcm, report: () => finished(report) };
}

/**
 * Limiting lowers loudness, so the gain is raised until the limited output meets the target.
 * Each trial reads the source once without output. The first step assumes loudness follows
 * gain one for one; later steps use the slope seen so far (secant), since deep limiting can
 * make 1 dB of gain worth only a fraction of a LU. When extra gain no longer buys loudness
 * (a square wave already at the ceiling), the gain that gave the louder output is kept and
 * calibration stops: more gain would only distort.
 */
async function calibratedGain(
  reader: SourceReader,
  first: FirstPass,
  plainGainDb: number,
  settings: Settings,
): Promise<number> {
  const { format } = first;
  const highest = plainGainDb + settings.maxMakeUpDb;
  let previous: { gainDb: number; lufs: number } | null = null;
  let gainDb = plainGainDb;
  for (let round = 0; round < settings.calibrationPasses; round += 1) {
    const trial = createLoudnessMeter(format.sampleRate, format.channelCount, { truePeak: false });
    for await (const chunk of reader.gained(first, gainDb, settings.ceilingDbtp)) trial.push(chunk);
    const lufs = trial.result().integratedLufs;
    const shortfall = settings.targetLufs - lufs;
    if (Math.abs(shortfall) <= CALIBRATION_TOLERANCE_LU) return gainDb;
    let slope = 1;
    if (previous !== null) {
      slope = (lufs - previous.lufs) / (gainDb - previous.gainDb);
      if (!(slope >= MIN_USEFUL_SLOPE)) return lufs > previous.lufs ? gainDb : previous.gainDb;
    }
    previous = { gainDb, lufs };
    const next = Math.min(highest, Math.max(plainGainDb, gainDb + shortfall / Math.min(1, slope)));
    if (Math.abs(next - gainDb) < 1e-3) return gainDb;
    gainDb = next;
  }
  return gainDb;
}

interface Settings {
  targetLufs: number;
  ceilingDbtp: number;
  calibrationPasses: number;
  maxMakeUpDb: number;
}

function checkedSettings(options: NormaliseOptions): Settings {
  const settings = {
    targetLufs: options.targetLufs ?? DEFAULT_TARGET_LUFS,
    ceilingDbtp: options.truePeakCeilingDbtp ?? DEFAULT_CEILING_DBTP,
    calibrationPasses: options.calibrationPasses ?? 3,
    maxMakeUpDb: options.maxMakeUpDb ?? 6,
  };
  checkOption('normalise', 'targetLufs', settings.targetLufs, -60, 0);
  checkOption('normalise', 'truePeakCeilingDbtp', settings.ceilingDbtp, -30, 0);
  checkOption('normalise', 'calibrationPasses', settings.calibrationPasses, 0, 10);
  checkOption('normalise', 'maxMakeUpDb', settings.maxMakeUpDb, 0, 30);
  return settings;
}

function finished(report: NormaliseReport | null): NormaliseReport {
  if (report === null)
    throw new AudioProcessError(
      'not-finished',
      'normalise: the report is ready once the audio has been read to its end',
    );
  return report;
}

/** Silence (or nothing at all) has no loudness to correct: it comes out as it went in. */
function passThrough(first: FirstPass | null, reader: SourceReader): LoudnessNormalisation {
  const input = first?.result ?? silentLoudness(0);
  let report: NormaliseReport | null = null;
  const pcm: PcmStream = {
    [Symbol.asyncIterator]: async function* () {
      yield* reader.read();
      report = {
        input,
        gainDb: 0,
        limiterEngaged: false,
        maxGainReductionDb: 0,
        output: input,
        passes: reader.passes,
      };
    },
  };
  return { input, gainDb: 0, pcm, report: () => finished(report) };
}

interface FirstPass {
  result: LoudnessResult;
  format: PcmFormat;
  frames: number;
}

/** Every read of the source goes through here: counted, cancellable, and checked against pass 1. */
class SourceReader {
  passes = 0;

  constructor(
    private readonly source: () => PcmStream,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async *read(): AsyncGenerator<PcmChunk> {
    this.signal?.throwIfAborted();
    this.passes += 1;
    for await (const chunk of checkedPcm(this.source(), 'normalise')) {
      this.signal?.throwIfAborted();
      yield chunk;
    }
  }

  async measure(): Promise<FirstPass | null> {
    let meter: LoudnessMeter | undefined;
    let format: PcmFormat | undefined;
    let frames = 0;
    for await (const chunk of this.read()) {
      format ??= formatOf(chunk);
      meter ??= createLoudnessMeter(format.sampleRate, format.channelCount);
      meter.push(chunk);
      frames += chunkFrames(chunk);
    }
    if (meter === undefined || format === undefined) return null;
    return { result: meter.result(), format, frames };
  }

  /** The source with gain applied, and the true-peak limiter when a ceiling is given. */
  async *gained(
    first: FirstPass,
    gainDb: number,
    ceilingDbtp: number | null,
    stats: { maxGainReductionDb: number } = { maxGainReductionDb: 0 },
  ): AsyncGenerator<PcmChunk> {
    const { format } = first;
    const gain = 10 ** (gainDb / 20);
    const limiter =
      ceilingDbtp === null
        ? null
        : new TruePeakLimiter({
            sampleRate: format.sampleRate,
            channelCount: format.channelCount,
            gain,
            ceilingDbtp,
          });
    const wrap = (channels: Float32Array[]): PcmChunk => ({ sampleRate: format.sampleRate, channels });
    let frames = 0;
    for await (const chunk of this.read()) {
      checkSameFormat(format, chunk, 'normalise (a later read of the source)');
      frames += chunkFrames(chunk);
      const out = limiter === null ? scaled(chunk.channels, gain) : limiter.process(chunk.channels);
      if (out[0]!.length > 0) yield wrap(out);
    }
    if (frames !== first.frames)
      throw new AudioProcessError(
        'format-mismatch',
        `normalise: the source gave ${frames} frames on a later read but ${first.frames} on the first`,
      );
    if (limiter !== null) {
      const tail = limiter.flush();
      if (tail[0]!.length > 0) yield wrap(tail);
      stats.maxGainReductionDb = limiter.maxReductionDb;
    }
  }
}

function scaled(channels: Float32Array[], gain: number): Float32Array[] {
  return channels.map((channel) => {
    const out = new Float32Array(channel.length);
    for (let i = 0; i < channel.length; i += 1) out[i] = channel[i]! * gain;
    return out;
  });
}
