/**
 * The interpolation filter behind true-peak measurement: for each of the three points between
 * two samples (¼, ½, ¾ of the way), a fractional-delay FIR designed by least squares to match
 * an ideal delay over 0 .. 0.42 × the sample rate (20 kHz at 48 kHz). With 24 taps the complex
 * error stays below 0.3 % (0.03 dB) over that band and below 0.03 % at a quarter of the rate.
 * BS.1770-4 Annex 2 asks for at least 4× oversampling and leaves the filter to the implementer;
 * its example (12 taps per phase) under-reads high frequencies by several tenths of a dB.
 */

export const OVERSAMPLING = 4;
export const TAPS_PER_PHASE = 24;
const BAND_EDGE = 0.42; // fraction of the sample rate over which the delay must be exact
// Tikhonov term: the band-limited normal equations are nearly singular (a prolate matrix); this
// keeps coefficients tame without measurably changing the in-band error.
const REGULARISATION = 1e-9;

/** Coefficients for phases 1..OVERSAMPLING-1; tap k weights x[n - k]; the point sits at n - TAPS/2 + p/4. */
export function designInterpolationPhases(): Float64Array[] {
  const phases: Float64Array[] = [];
  for (let p = 1; p < OVERSAMPLING; p += 1)
    phases.push(leastSquaresDelay(TAPS_PER_PHASE / 2 - p / OVERSAMPLING));
  return phases;
}

/**
 * Minimises ∫|H(f) − e^(−j2πf·delay)|² over |f| ≤ BAND_EDGE. The normal equations are
 * Σ_l h_l·s(k − l) = s(k − delay) with s(m) = 2B·sinc(2B·m).
 */
function leastSquaresDelay(delay: number): Float64Array {
  const n = TAPS_PER_PHASE;
  const s = (m: number): number => 2 * BAND_EDGE * sinc(2 * BAND_EDGE * m);
  const matrix: number[][] = [];
  const rhs: number[] = [];
  for (let k = 0; k < n; k += 1) {
    matrix.push(Array.from({ length: n }, (_, l) => s(k - l) + (k === l ? REGULARISATION : 0)));
    rhs.push(s(k - delay));
  }
  return Float64Array.from(solveLinear(matrix, rhs));
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const y = Math.PI * x;
  return Math.sin(y) / y;
}

/** Gauss-Jordan elimination with partial pivoting; the matrix is small (24 × 24). */
function solveLinear(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const rows = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1)
      if (Math.abs(rows[r]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = r;
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    const top = rows[col]!;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const row = rows[r]!;
      const factor = row[col]! / top[col]!;
      for (let k = col; k <= n; k += 1) row[k]! -= factor * top[k]!;
    }
  }
  return rows.map((row, i) => row[n]! / row[i]!);
}
