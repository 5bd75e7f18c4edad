/**
 * Counts how often each 32-bit feature hash occurs in one text: an open-addressing hash
 * table on typed arrays (no object per feature). Distinct features get dense indexes
 * 0, 1, 2… in order of first appearance, so reading them back is a walk over two small
 * arrays, and clearing costs what the text held. Grows as needed (a 1 MB text has hundreds
 * of thousands of distinct character n-grams) up to `maxSize` distinct features; past that,
 * features already counted still count and new ones are left out, which bounds the time and
 * memory that one pathological text (megabytes of random letters) can take.
 */
export class FeatureCounter {
  /** Per slot: the key, then its index + 1 (0 for an empty slot). */
  private table: Int32Array;
  private mask: number;
  private keys: Int32Array;
  private counts: Int32Array;
  private slots: Int32Array;
  private filled = 0;
  readonly maxSize: number;

  constructor(initialCapacity = 4096, maxSize = 1 << 18) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.maxSize = maxSize;
    this.table = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    this.keys = new Int32Array(capacity / 2);
    this.counts = new Int32Array(capacity / 2);
    this.slots = new Int32Array(capacity / 2);
  }

  /** Number of distinct features counted since the last clear. */
  get size(): number {
    return this.filled;
  }

  /** Whether new features are left out (`maxSize` distinct ones counted). */
  get full(): boolean {
    return this.filled >= this.maxSize;
  }

  /** Counts `key` once more (or `times` more) and returns its index; -1 when left out (full). */
  add(key: number, times = 1): number {
    const table = this.table;
    const mask = this.mask;
    let slot = key & mask;
    for (;;) {
      const indexPlusOne = table[2 * slot + 1]!;
      if (indexPlusOne === 0) break;
      if (table[2 * slot] === key) {
        const index = indexPlusOne - 1;
        this.counts[index] = this.counts[index]! + times;
        return index;
      }
      slot = (slot + 1) & mask;
    }
    const index = this.filled;
    if (index >= this.maxSize) return -1;
    table[2 * slot] = key;
    table[2 * slot + 1] = index + 1;
    this.keys[index] = key;
    this.counts[index] = times;
    this.slots[index] = slot;
    this.filled = index + 1;
    if (this.filled * 2 >= mask + 1) this.grow();
    return index;
  }

  /** The feature hash with index i (0 ≤ i < size). */
  keyAt(i: number): number {
    return this.keys[i]!;
  }

  /** How many times the feature with index i was counted. */
  countAt(i: number): number {
    return this.counts[i]!;
  }

  clear(): void {
    for (let i = 0; i < this.filled; i += 1) this.table[2 * this.slots[i]! + 1] = 0;
    this.filled = 0;
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const keys = new Int32Array(capacity / 2);
    const counts = new Int32Array(capacity / 2);
    keys.set(this.keys);
    counts.set(this.counts);
    this.table = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    this.keys = keys;
    this.counts = counts;
    this.slots = new Int32Array(capacity / 2);
    for (let index = 0; index < this.filled; index += 1) {
      let slot = keys[index]! & this.mask;
      while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      this.table[2 * slot] = keys[index]!;
      this.table[2 * slot + 1] = index + 1;
      this.slots[index] = slot;
    }
  }
}
