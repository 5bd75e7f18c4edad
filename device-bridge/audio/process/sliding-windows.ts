/**
 * Running statistics over the last N values of a sample stream, in constant time per value:
 * the limiter's look-ahead minimum and its attack smoothing.
 */

/** Minimum of the last `length` values in O(1) amortised: a deque of increasing candidates. */
export class SlidingMinimum {
  private readonly values: Float64Array;
  private readonly indices: Float64Array;
  private head = 0;
  private tail = 0; // deque occupies [head, tail) modulo capacity
  private count = 0;

  constructor(private readonly length: number) {
    this.values = new Float64Array(length + 1);
    this.indices = new Float64Array(length + 1);
  }

  push(value: number): number {
    const capacity = this.values.length;
    // Drop the oldest candidate once it leaves the window (which, after this push, holds
    // indices count - length + 1 .. count), then every candidate the new value beats.
    if (this.head !== this.tail && this.indices[this.head]! <= this.count - this.length)
      this.head = (this.head + 1) % capacity;
    while (this.head !== this.tail) {
      const last = (this.tail - 1 + capacity) % capacity;
      if (this.values[last]! < value) break;
      this.tail = last;
    }
    this.values[this.tail] = value;
    this.indices[this.tail] = this.count;
    this.tail = (this.tail + 1) % capacity;
    this.count += 1;
    return this.values[this.head]!;
  }

  /** True when every value in the window is 1 (no candidate below 1 is left). */
  isAllOnes(): boolean {
    return this.head !== this.tail && this.values[this.head] === 1;
  }

  /**
   * Moves the window on by one as if a 1 had been pushed. Only valid while isAllOnes(): the
   * candidates left behind are all 1, so the next value below 1 clears them, and a window of
   * nothing but ones reads 1 either way.
   */
  advance(): void {
    this.count += 1;
  }
}

/** Mean of the last `length` values (history starts full of ones: no reduction). */
export class MovingAverage {
  private readonly ring: Float64Array;
  private position = 0;
  private sum: number;

  constructor(private readonly length: number) {
    this.ring = new Float64Array(length).fill(1);
    this.sum = length;
  }

  push(value: number): number {
    this.sum += value - this.ring[this.position]!;
    this.ring[this.position] = value;
    this.position += 1;
    if (this.position === this.length) {
      this.position = 0;
      // Re-add from scratch once per lap so rounding cannot creep over a six-hour file.
      this.sum = this.ring.reduce((a, b) => a + b, 0);
    }
    return this.sum / this.length;
  }
}
