/**
 * The gate every processing step reads its input through: chunks must keep one sample rate
 * and one channel count, and all channels of a chunk must be the same length. Catching a
 * mixed stream here gives a message naming the step, instead of garbled audio later.
 * Empty chunks are dropped so that steps never have to think about them.
 */
import { type PcmChunk, type PcmStream, chunkFrames } from '../pcm';
import { AudioProcessError } from './audio-process-error';

export interface PcmFormat {
  sampleRate: number;
  channelCount: number;
}

export function formatOf(chunk: PcmChunk): PcmFormat {
  return { sampleRate: chunk.sampleRate, channelCount: chunk.channels.length };
}

export async function* checkedPcm(input: PcmStream, step: string): AsyncGenerator<PcmChunk> {
  let format: PcmFormat | undefined;
  for await (const chunk of input) {
    checkChunkShape(chunk, step);
    if (format === undefined) format = formatOf(chunk);
    else checkSameFormat(format, chunk, step);
    if (chunkFrames(chunk) > 0) yield chunk;
  }
}

function checkChunkShape(chunk: PcmChunk, step: string): void {
  if (!Number.isInteger(chunk.sampleRate) || chunk.sampleRate <= 0)
    throw new AudioProcessError(
      'format-mismatch',
      `${step}: invalid sample rate ${String(chunk.sampleRate)}`,
    );
  if (chunk.channels.length === 0)
    throw new AudioProcessError('format-mismatch', `${step}: a chunk has no channels`);
  const frames = chunkFrames(chunk);
  if (chunk.channels.some((channel) => channel.length !== frames))
    throw new AudioProcessError('format-mismatch', `${step}: a chunk's channels differ in length`);
}

export function checkSameFormat(format: PcmFormat, chunk: PcmChunk, step: string): void {
  if (chunk.sampleRate !== format.sampleRate)
    throw new AudioProcessError(
      'format-mismatch',
      `${step}: sample rate changed mid-stream from ${format.sampleRate} Hz to ${chunk.sampleRate} Hz`,
    );
  if (chunk.channels.length !== format.channelCount)
    throw new AudioProcessError(
      'format-mismatch',
      `${step}: channel count changed mid-stream from ${format.channelCount} to ${chunk.channels.length}`,
    );
}
