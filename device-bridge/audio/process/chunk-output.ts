/**
 * Gathers frames that steps release in small pieces (a 10 ms window at a time) into chunks of
 * PCM_CHUNK_FRAMES, so that downstream steps see a few large chunks rather than many tiny ones.
 */
import { PCM_CHUNK_FRAMES, type PcmChunk } from '../pcm';
import { FrameQueue } from './frame-queue';

export class ChunkOutput {
  private readonly queue: FrameQueue;

  constructor(
    private readonly sampleRate: number,
    channelCount: number,
  ) {
    this.queue = new FrameQueue(channelCount);
  }

  /** Adds frames; returns the full chunks now ready. */
  push(channels: Float32Array[]): PcmChunk[] {
    this.queue.push(channels);
    const ready: PcmChunk[] = [];
    while (this.queue.frames >= PCM_CHUNK_FRAMES) ready.push(this.chunk(PCM_CHUNK_FRAMES));
    return ready;
  }

  /** Moves every frame of `from` in, and returns the full chunks now ready. */
  pushAll(from: FrameQueue): PcmChunk[] {
    return from.frames === 0 ? [] : this.push(from.take(from.frames));
  }

  /** The remaining frames, as a last short chunk (or nothing). */
  flush(): PcmChunk[] {
    return this.queue.frames === 0 ? [] : [this.chunk(this.queue.frames)];
  }

  private chunk(frames: number): PcmChunk {
    return { sampleRate: this.sampleRate, channels: this.queue.take(frames) };
  }
}
