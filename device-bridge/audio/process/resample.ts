/**
 * Sample-rate conversion with libsamplerate (wasm): 44.1 kHz for Lunii, 48 kHz for Opus.
 *
 * The converter is fed chunk by chunk through its stateful `full` API, so a six-hour file
 * never sits in memory. That API holds back a short tail (the sinc filter's right half) until
 * more input comes; at the end we push zeros through until exactly round(inFrames × ratio)
 * frames have come out, then cut. That gives the same samples as one-shot conversion and
 * loses nothing at the end.
 */
import pkg from '@alexanderolsen/libsamplerate-js';
import { PCM_CHUNK_FRAMES, type PcmChunk, type PcmStream } from '../pcm';
import { AudioProcessError, checkOption } from './audio-process-error';
import { checkedPcm } from './checked-pcm';

const { create, ConverterType } = pkg;

export type ResampleQuality = 'best' | 'medium' | 'fastest' | 'linear';

const CONVERTERS = {
  best: ConverterType.SRC_SINC_BEST_QUALITY,
  medium: ConverterType.SRC_SINC_MEDIUM_QUALITY,
  fastest: ConverterType.SRC_SINC_FASTEST,
  linear: ConverterType.SRC_LINEAR,
} as const;

export interface ResampleOptions {
  /** libsamplerate converter; default 'medium' (SINC_MEDIUM_QUALITY, about 70× realtime). */
  quality?: ResampleQuality;
}

/** The rates libsamplerate accepts (its own limits, 1 Hz to 192 kHz). */
const MAX_RATE = 192_000;
/** Frames handed to the converter per call: keeps its wasm buffers (4 MB) far from full. */
const FEED_FRAMES = 8192;

export async function* resample(
  input: PcmStream,
  targetRate: number,
  options: ResampleOptions = {},
): PcmStream {
  checkOption('resample', 'targetRate', targetRate, 1, MAX_RATE);
  if (!Number.isInteger(targetRate))
    throw new AudioProcessError('invalid-option', `resample: targetRate must be whole Hz, got ${targetRate}`);
  const converter = CONVERTERS[options.quality ?? 'medium'];
  let session: ResampleSession | undefined;
  try {
    for await (const chunk of checkedPcm(input, 'resample')) {
      if (chunk.sampleRate === targetRate) {
        yield chunk;
        continue;
      }
      session ??= await ResampleSession.open(chunk, targetRate, converter);
      yield* session.convert(chunk.channels);
    }
    if (session !== undefined) yield* session.finish();
  } finally {
    session?.close();
  }
}

/** Output frames for `inFrames` input frames, rounded to nearest, in exact integer arithmetic. */
export function resampledLength(inFrames: number, fromRate: number, toRate: number): number {
  const numerator = BigInt(inFrames) * BigInt(toRate) * 2n + BigInt(fromRate);
  return Number(numerator / (BigInt(fromRate) * 2n));
}

type Converter = Awaited<ReturnType<typeof create>>;
type ConverterCode = (typeof CONVERTERS)[ResampleQuality];

class ResampleSession {
  private framesIn = 0;
  private framesOut = 0;
  /** Output beyond round(framesIn × ratio) so far: a converter with no look-ahead can run ahead by a frame. */
  private carry = new Float32Array(0);

  private constructor(
    private readonly src: Converter,
    private readonly fromRate: number,
    private readonly toRate: number,
    private readonly channelCount: number,
  ) {}

  static async open(first: PcmChunk, toRate: number, converter: ConverterCode): Promise<ResampleSession> {
    checkOption('resample', 'input sample rate', first.sampleRate, 1, MAX_RATE);
    try {
      const src = await create(first.channels.length, first.sampleRate, toRate, { converterType: converter });
      return new ResampleSession(src, first.sampleRate, toRate, first.channels.length);
    } catch (cause) {
      throw new AudioProcessError('resampler-failed', 'resample: libsamplerate could not start', { cause });
    }
  }

  *convert(channels: Float32Array[]): Generator<PcmChunk> {
    const frames = channels[0]!.length;
    for (let start = 0; start < frames; start += FEED_FRAMES) {
      const end = Math.min(frames, start + FEED_FRAMES);
      this.framesIn += end - start;
      yield* this.emit(this.run(interleave(channels, start, end)));
    }
  }

  /** Pushes silence through until the held-back tail is out, then cuts to the exact length. */
  *finish(): Generator<PcmChunk> {
    const wanted = resampledLength(this.framesIn, this.fromRate, this.toRate);
    const silence = new Float32Array(FEED_FRAMES * this.channelCount);
    // The tail held back is a few hundred frames; the bound only guards against a converter that stalls.
    for (let round = 0; this.framesOut < wanted; round += 1) {
      if (round > 64)
        throw new AudioProcessError('resampler-failed', 'resample: libsamplerate stopped producing output');
      yield* this.emit(this.run(silence));
    }
  }

  close(): void {
    if (!this.src.isDestroyed) this.src.destroy();
  }

  private run(interleaved: Float32Array): Float32Array {
    try {
      return this.src.full(interleaved);
    } catch (cause) {
      throw new AudioProcessError('resampler-failed', 'resample: libsamplerate failed', { cause });
    }
  }

  private *emit(produced: Float32Array): Generator<PcmChunk> {
    const interleaved = this.carry.length === 0 ? produced : concat(this.carry, produced);
    const limit = resampledLength(this.framesIn, this.fromRate, this.toRate);
    const frames = Math.max(0, Math.min(interleaved.length / this.channelCount, limit - this.framesOut));
    this.carry = interleaved.slice(frames * this.channelCount);
    for (let start = 0; start < frames; start += PCM_CHUNK_FRAMES) {
      const end = Math.min(frames, start + PCM_CHUNK_FRAMES);
      yield { sampleRate: this.toRate, channels: deinterleave(interleaved, this.channelCount, start, end) };
    }
    this.framesOut += frames;
  }
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function interleave(channels: Float32Array[], start: number, end: number): Float32Array {
  if (channels.length === 1) return channels[0]!.subarray(start, end);
  const count = channels.length;
  const out = new Float32Array((end - start) * count);
  channels.forEach((channel, c) => {
    for (let i = start, o = c; i < end; i += 1, o += count) out[o] = channel[i]!;
  });
  return out;
}

function deinterleave(data: Float32Array, count: number, start: number, end: number): Float32Array[] {
  // The converter hands back a fresh array each call, so a view of it is safe to pass on.
  if (count === 1) return [data.subarray(start, end)];
  return Array.from({ length: count }, (_, c) => {
    const out = new Float32Array(end - start);
    for (let i = 0, o = start * count + c; i < out.length; i += 1, o += count) out[i] = data[o]!;
    return out;
  });
}
