/**
 * Gated loudness statistics in constant memory. Integrated loudness needs every block above
 * the absolute gate, because the relative gate is only known at the end. Instead of keeping
 * the blocks (216 000 of them for six hours), each block's mean square is added to a bin of
 * 0.01 LU holding a count and an exact energy sum. Only blocks in the one bin that straddles
 * the relative gate are classified to within 0.01 LU; everything else is exact.
 */

/** Loudness of a K-weighted mean square (BS.1770-4 eq. 2). */
export function loudnessOf(meanSquare: number): number {
  return -0.691 + 10 * Math.log10(meanSquare);
}

/** BS.1770-4 absolute gate. */
export const ABSOLUTE_GATE_LUFS = -70;
const BIN_LU = 0.01;
const TOP_LUFS = 30; // louder blocks (beyond any sane mix) share the top bin, energy kept exact
const BIN_COUNT = Math.round((TOP_LUFS - ABSOLUTE_GATE_LUFS) / BIN_LU);

export class LoudnessHistogram {
  private readonly counts = new Float64Array(BIN_COUNT);
  private readonly energies = new Float64Array(BIN_COUNT);
  private total = 0;
  private totalEnergy = 0;

  /** Adds one block; blocks at or below the absolute gate are dropped, as BS.1770 says. */
  add(meanSquare: number): void {
    const loudness = loudnessOf(meanSquare);
    if (!(loudness > ABSOLUTE_GATE_LUFS)) return;
    const bin = Math.min(BIN_COUNT - 1, Math.floor((loudness - ABSOLUTE_GATE_LUFS) / BIN_LU));
    this.counts[bin]! += 1;
    this.energies[bin]! += meanSquare;
    this.total += 1;
    this.totalEnergy += meanSquare;
  }

  get blocks(): number {
    return this.total;
  }

  /** The relative gate: loudness of the mean of all absolutely-gated blocks, plus `offsetLu`. */
  relativeGate(offsetLu: number): number {
    return this.total === 0 ? -Infinity : loudnessOf(this.totalEnergy / this.total) + offsetLu;
  }

  /** Loudness of the mean energy of blocks above `gateLufs`; −Infinity when none are. */
  gatedLoudness(gateLufs: number): number {
    let count = 0;
    let energy = 0;
    for (let bin = this.firstBinAbove(gateLufs); bin < BIN_COUNT; bin += 1) {
      count += this.counts[bin]!;
      energy += this.energies[bin]!;
    }
    return count === 0 ? -Infinity : loudnessOf(energy / count);
  }

  /** The loudness below which `fraction` of the blocks above `gateLufs` lie (bin centre). */
  percentile(gateLufs: number, fraction: number): number {
    const first = this.firstBinAbove(gateLufs);
    let count = 0;
    for (let bin = first; bin < BIN_COUNT; bin += 1) count += this.counts[bin]!;
    if (count === 0) return -Infinity;
    const rank = fraction * (count - 1); // nearest-rank on the sorted blocks, zero-based
    let seen = 0;
    for (let bin = first; bin < BIN_COUNT; bin += 1) {
      seen += this.counts[bin]!;
      if (seen > rank) return this.binCentre(bin);
    }
    return this.binCentre(BIN_COUNT - 1);
  }

  /** A bin counts as above the gate when its centre is. */
  private firstBinAbove(gateLufs: number): number {
    if (gateLufs === -Infinity) return 0;
    return Math.max(0, Math.round((gateLufs - ABSOLUTE_GATE_LUFS) / BIN_LU));
  }

  private binCentre(bin: number): number {
    return ABSOLUTE_GATE_LUFS + (bin + 0.5) * BIN_LU;
  }
}
