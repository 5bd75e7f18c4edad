/**
 * Turns whatever a decoder hands out (a few hundred frames, or seconds at once) into the
 * pipeline's chunks: exactly PCM_CHUNK_FRAMES frames each but the last, copied out of the
 * decoder's buffers, clamped to [-1, 1], with codec delay cut from the start and padding
 * cut from the end so decoded lengths match the original recording.
 */
import { PCM_CHUNK_FRAMES, type PcmChunk } from '../pcm.js';

export interface PcmAssemblerOptions {
  sampleRate: number;
  channels: number;
  /** Frames to drop at the start (encoder and decoder delay). */
  skipFrames?: number;
  /** Frames to keep at most (a length the headers announce exactly). */
  maxFrames?: number;
  /** Frames kept back from the end so that finish() can drop them (encoder padding). */
  holdBackFrames?: number;
}

export class PcmAssembler {
  private readonly sampleRate: number;
  private readonly channels: number;
  private maxFrames: number;
  private readonly holdBackFrames: number;
  private framesToSkip: number;
  private pending: Float32Array[][] = [];
  private pendingFrames = 0;
  private accepted = 0;
  private emitted = 0;

  constructor(options: PcmAssemblerOptions) {
    this.sampleRate = options.sampleRate;
    this.channels = options.channels;
    this.framesToSkip = Math.max(0, options.skipFrames ?? 0);
    this.maxFrames = options.maxFrames ?? Number.POSITIVE_INFINITY;
    this.holdBackFrames = Math.max(0, options.holdBackFrames ?? 0);
  }

  /** Frames handed out so far. */
  get emittedFrames(): number {
    return this.emitted;
  }

  /** Caps the length once it becomes known (an Ogg stream's last granule position). */
  limitTo(frames: number): void {
    this.maxFrames = Math.min(this.maxFrames, Math.max(frames, this.accepted));
  }

  /** Frames accepted after skipping, including those still held. */
  get acceptedFrames(): number {
    return this.accepted;
  }

  /**
   * Takes `frames` frames of planar audio. Planes beyond `channels` are ignored (mpg123
   * always returns two); a missing plane repeats the first.
   */
  push(planes: readonly Float32Array[], frames: number): PcmChunk[] {
    const first = planes[0];
    if (!first || frames <= 0) return [];
    const skipped = Math.min(this.framesToSkip, frames);
    this.framesToSkip -= skipped;
    const room = this.maxFrames - this.accepted;
    const end = Math.min(frames, skipped + Math.max(0, room));
    if (end <= skipped) return [];
    const segment: Float32Array[] = [];
    for (let c = 0; c < this.channels; c += 1) {
      segment.push((planes[c] ?? first).subarray(skipped, end));
    }
    this.pending.push(segment);
    this.pendingFrames += end - skipped;
    this.accepted += end - skipped;
    const ready: PcmChunk[] = [];
    while (this.pendingFrames >= PCM_CHUNK_FRAMES + this.holdBackFrames) {
      ready.push(this.take(PCM_CHUNK_FRAMES));
    }
    return ready;
  }

  /** Flushes the rest; `dropHeldBack` false keeps the held frames (the padding was not there). */
  finish(dropHeldBack: boolean): PcmChunk[] {
    const keep = dropHeldBack ? Math.max(0, this.pendingFrames - this.holdBackFrames) : this.pendingFrames;
    if (dropHeldBack) this.accepted -= this.pendingFrames - keep;
    const ready: PcmChunk[] = [];
    let left = keep;
    while (left > 0) {
      const size = Math.min(PCM_CHUNK_FRAMES, left);
      ready.push(this.take(size));
      left -= size;
    }
    this.pending = [];
    this.pendingFrames = 0;
    return ready;
  }

  private take(frames: number): PcmChunk {
    const out: Float32Array[] = [];
    for (let c = 0; c < this.channels; c += 1) out.push(new Float32Array(frames));
    let filled = 0;
    while (filled < frames) {
      const segment = this.pending[0]!;
      const available = segment[0]!.length;
      const used = Math.min(available, frames - filled);
      for (let c = 0; c < this.channels; c += 1) {
        copyClamped(segment[c]!, used, out[c]!, filled);
      }
      filled += used;
      if (used === available) this.pending.shift();
      else this.pending[0] = segment.map((plane) => plane.subarray(used));
    }
    this.pendingFrames -= frames;
    this.emitted += frames;
    return { sampleRate: this.sampleRate, channels: out };
  }
}

/** Copies while clamping: float WAVs and lossy decoders can overshoot, and NaN must not leak. */
function copyClamped(from: Float32Array, count: number, to: Float32Array, at: number): void {
  for (let i = 0; i < count; i += 1) {
    const value = from[i]!;
    to[at + i] = value > 1 ? 1 : value < -1 ? -1 : value === value ? value : 0;
  }
}
