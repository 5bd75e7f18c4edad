/**
 * The bridge between whole arrays and streams: short clips, tests and callers that already
 * hold samples in memory turn them into a PcmStream, and a stream known to be short can be
 * gathered back into arrays. Not for long files: collecting holds everything.
 */
import { PCM_CHUNK_FRAMES, type PcmStream } from '../pcm';
import { AudioProcessError, checkOption } from './audio-process-error';
import { checkedPcm } from './checked-pcm';

export interface PcmArrays {
  sampleRate: number;
  channels: Float32Array[];
}

/** Streams `samples` (one array, or one per channel) in chunks of `chunkFrames` frames. */
export async function* pcmFromArrays(
  samples: Float32Array | Float32Array[],
  sampleRate: number,
  chunkFrames: number = PCM_CHUNK_FRAMES,
): PcmStream {
  const channels = samples instanceof Float32Array ? [samples] : samples;
  checkOption('pcmFromArrays', 'chunkFrames', chunkFrames, 1, Number.MAX_SAFE_INTEGER);
  checkOption('pcmFromArrays', 'sampleRate', sampleRate, 1, Number.MAX_SAFE_INTEGER);
  const frames = channels[0]?.length ?? 0;
  if (channels.length === 0 || channels.some((channel) => channel.length !== frames))
    throw new AudioProcessError('format-mismatch', 'pcmFromArrays: channels missing or of different lengths');
  for (let start = 0; start < frames; start += chunkFrames)
    yield {
      sampleRate,
      channels: channels.map((channel) => channel.subarray(start, Math.min(frames, start + chunkFrames))),
    };
}

/** Gathers a stream into one array per channel. Returns null for an empty stream. */
export async function collectPcm(input: PcmStream): Promise<PcmArrays | null> {
  const parts: Float32Array[][] = [];
  let sampleRate = 0;
  let frames = 0;
  for await (const chunk of checkedPcm(input, 'collectPcm')) {
    sampleRate = chunk.sampleRate;
    parts.push(chunk.channels);
    frames += chunk.channels[0]!.length;
  }
  const first = parts[0];
  if (first === undefined) return null;
  const channels = first.map(() => new Float32Array(frames));
  let at = 0;
  for (const part of parts) {
    part.forEach((channel, c) => channels[c]!.set(channel, at));
    at += part[0]!.length;
  }
  return { sampleRate, channels };
}
