/**
 * The one shape audio takes between decoders, processing and encoders: planar float32
 * chunks at one rate, streamed so that a six-hour file never sits whole in memory.
 */

/** A run of samples: one Float32Array per channel, all of the same length, in [-1, 1]. */
export interface PcmChunk {
  sampleRate: number;
  channels: Float32Array[];
}

/** Audio as it flows: chunks in order, all at the same rate and channel count. */
export type PcmStream = AsyncIterable<PcmChunk>;

/** Frames (samples per channel) in a chunk. */
export function chunkFrames(chunk: PcmChunk): number {
  return chunk.channels[0]?.length ?? 0;
}

/** Chunks of at most this many frames keep memory flat whatever the file's length. */
export const PCM_CHUNK_FRAMES = 16_384;
