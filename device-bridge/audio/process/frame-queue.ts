/**
 * A first-in first-out queue of planar frames that spans chunk boundaries. Steps that must hold
 * audio back (the last fade length, a run of trailing silence, a window being classified) keep
 * exactly that much here and nothing more. Pieces are kept by reference: callers hand over
 * arrays they will not write to again.
 */
export class FrameQueue {
  private pieces: Float32Array[][] = [];
  private head = 0; // index of the first live piece
  private offset = 0; // frames already taken from that piece
  private count = 0;

  constructor(readonly channelCount: number) {}

  get frames(): number {
    return this.count;
  }

  push(channels: Float32Array[]): void {
    const length = channels[0]?.length ?? 0;
    if (length === 0) return;
    this.pieces.push(channels);
    this.count += length;
  }

  /** Removes and returns the first `frames` frames (fewer if the queue is shorter). */
  take(frames: number): Float32Array[] {
    const wanted = Math.min(frames, this.count);
    const first = this.pieces[this.head];
    // The common case, a slice of one piece, costs no copy.
    if (first !== undefined && (first[0]?.length ?? 0) - this.offset >= wanted) {
      const out = first.map((channel) => channel.subarray(this.offset, this.offset + wanted));
      this.advance(wanted);
      return out;
    }
    const out = Array.from({ length: this.channelCount }, () => new Float32Array(wanted));
    let written = 0;
    while (written < wanted) {
      const piece = this.pieces[this.head]!;
      const available = piece[0]!.length - this.offset;
      const n = Math.min(available, wanted - written);
      for (let c = 0; c < this.channelCount; c += 1)
        out[c]!.set(piece[c]!.subarray(this.offset, this.offset + n), written);
      written += n;
      this.advance(n);
    }
    return out;
  }

  /** Removes the first `frames` frames without copying them. */
  drop(frames: number): void {
    let left = Math.min(frames, this.count);
    while (left > 0) {
      const available = this.pieces[this.head]![0]!.length - this.offset;
      const n = Math.min(available, left);
      this.advance(n);
      left -= n;
    }
  }

  private advance(frames: number): void {
    this.offset += frames;
    this.count -= frames;
    const piece = this.pieces[this.head];
    if (piece !== undefined && this.offset >= piece[0]!.length) {
      this.head += 1;
      this.offset = 0;
    }
    // Compact now and then so a long-lived queue does not keep a growing array of spent pieces.
    if (this.head > 64 && this.head * 2 > this.pieces.length) {
      this.pieces = this.pieces.slice(this.head);
      this.head = 0;
    }
  }
}
