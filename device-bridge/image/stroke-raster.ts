/**
 * Thick anti-aliased pen strokes, our own way: each pixel keeps its distance to the nearest
 * segment drawn so far (a clipped distance field). A pixel's coverage is then how far the pen's
 * edge lies past the pixel centre, clamped to [0, 1]; a halo is the same field with a wider pen,
 * so text and its outline come from one pass and joints never double up.
 */

export interface DistanceField {
  width: number;
  height: number;
  /** Distance in pixels from each pixel centre to the nearest stroke; Infinity where none is near. */
  distance: Float32Array;
  /** Pixels ever touched (inclusive), so later passes can skip the rest of the picture. */
  bounds: { left: number; top: number; right: number; bottom: number };
}

export function emptyField(width: number, height: number): DistanceField {
  return {
    width,
    height,
    distance: new Float32Array(width * height).fill(Infinity),
    bounds: { left: width, top: height, right: -1, bottom: -1 },
  };
}

/** Records the segment (x0, y0)–(x1, y1) in pixel coordinates, up to `reach` pixels away. */
export function addSegment(
  field: DistanceField,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  reach: number,
): void {
  const { width, height, distance } = field;
  const left = Math.max(0, Math.floor(Math.min(x0, x1) - reach));
  const right = Math.min(width - 1, Math.ceil(Math.max(x0, x1) + reach));
  const top = Math.max(0, Math.floor(Math.min(y0, y1) - reach));
  const bottom = Math.min(height - 1, Math.ceil(Math.max(y0, y1) + reach));
  if (left > right || top > bottom) return;
  const { bounds } = field;
  bounds.left = Math.min(bounds.left, left);
  bounds.right = Math.max(bounds.right, right);
  bounds.top = Math.min(bounds.top, top);
  bounds.bottom = Math.max(bounds.bottom, bottom);
  const dx = x1 - x0;
  const dy = y1 - y0;
  const lengthSquared = dx * dx + dy * dy;
  for (let y = top; y <= bottom; y += 1) {
    const py = y + 0.5 - y0;
    for (let x = left; x <= right; x += 1) {
      const px = x + 0.5 - x0;
      // Projection onto the segment, clamped to its ends: a zero-length segment is a dot.
      const t = lengthSquared > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / lengthSquared)) : 0;
      const ex = px - t * dx;
      const ey = py - t * dy;
      const d = Math.sqrt(ex * ex + ey * ey);
      const at = y * width + x;
      if (d < (distance[at] ?? Infinity)) distance[at] = d;
    }
  }
}

/** Fraction of the pixel a pen of half-width `radius` covers, from its distance to the stroke. */
export function penCoverage(distance: number, radius: number): number {
  return Math.min(1, Math.max(0, radius + 0.5 - distance));
}
