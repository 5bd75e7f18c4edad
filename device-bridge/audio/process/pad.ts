/**
 * Silence added before and after a stream (in ms), e.g. a breath of quiet before a story
 * starts on the box. The rate and channel count come from the first chunk; an empty stream
 * stays empty unless `format` says what silence to produce.
 */
import { PCM_CHUNK_FRAMES, type PcmChunk, type PcmStream } from '../pcm';
import { checkOption } from './audio-process-error';
import { type PcmFormat, checkedPcm, formatOf } from './checked-pcm';

export interface PadOptions {
  startMs?: number;
  endMs?: number;
  /** The silence to produce when the input has no chunk to take it from. */
  format?: PcmFormat;
}

export async function* padSilence(input: PcmStream, options: PadOptions): PcmStream {
  const startMs = options.startMs ?? 0;
  const endMs = options.endMs ?? 0;
  checkOption('padSilence', 'startMs', startMs, 0, 3_600_000);
  checkOption('padSilence', 'endMs', endMs, 0, 3_600_000);
  let format: PcmFormat | undefined;
  for await (const chunk of checkedPcm(input, 'padSilence')) {
    if (format === undefined) {
      format = formatOf(chunk);
      yield* silence(format, startMs);
    }
    yield chunk;
  }
  if (format === undefined && options.format !== undefined) {
    format = options.format;
    yield* silence(format, startMs);
  }
  if (format !== undefined) yield* silence(format, endMs);
}

function* silence(format: PcmFormat, ms: number): Generator<PcmChunk> {
  const frames = Math.round((ms * format.sampleRate) / 1000);
  for (let start = 0; start < frames; start += PCM_CHUNK_FRAMES) {
    const length = Math.min(PCM_CHUNK_FRAMES, frames - start);
    yield {
      sampleRate: format.sampleRate,
      channels: Array.from({ length: format.channelCount }, () => new Float32Array(length)),
    };
  }
}
