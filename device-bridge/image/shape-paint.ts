/**
 * Simple anti-aliased shapes for title-card backgrounds: gradients, discs, crescents, convex
 * polygons, thick lines and wavy bands. Each shape's coverage comes from a signed distance at
 * the pixel centre, so edges are smooth without supersampling.
 */
import { blend, type Rgb, type RgbCanvas } from './rgb-canvas.js';
import { penCoverage } from './stroke-raster.js';

/** Top-to-bottom blend from `top` to `bottom`. */
export function verticalGradient(canvas: RgbCanvas, top: Rgb, bottom: Rgb): void {
  const { width, height, rgb } = canvas;
  for (let y = 0; y < height; y += 1) {
    const t = height > 1 ? y / (height - 1) : 0;
    const r = top[0] * (1 - t) + bottom[0] * t;
    const g = top[1] * (1 - t) + bottom[1] * t;
    const b = top[2] * (1 - t) + bottom[2] * t;
    for (let at = y * width * 3, end = at + width * 3; at < end; at += 3) {
      rgb[at] = r;
      rgb[at + 1] = g;
      rgb[at + 2] = b;
    }
  }
}

function clampedBox(canvas: RgbCanvas, x0: number, y0: number, x1: number, y1: number) {
  return {
    left: Math.max(0, Math.floor(x0)),
    right: Math.min(canvas.width - 1, Math.ceil(x1)),
    top: Math.max(0, Math.floor(y0)),
    bottom: Math.min(canvas.height - 1, Math.ceil(y1)),
  };
}

export function disc(canvas: RgbCanvas, cx: number, cy: number, r: number, colour: Rgb, alpha = 1): void {
  const box = clampedBox(canvas, cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1);
  for (let y = box.top; y <= box.bottom; y += 1) {
    for (let x = box.left; x <= box.right; x += 1) {
      const d = length(x + 0.5 - cx, y + 0.5 - cy);
      blend(canvas, x, y, colour, alpha * Math.min(1, Math.max(0, r + 0.5 - d)));
    }
  }
}

/** A disc with another disc (offset by dx, dy, radius `bite`) taken out of it: a moon. */
export function crescent(
  canvas: RgbCanvas,
  cx: number,
  cy: number,
  r: number,
  dx: number,
  dy: number,
  bite: number,
  colour: Rgb,
): void {
  const box = clampedBox(canvas, cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1);
  for (let y = box.top; y <= box.bottom; y += 1) {
    for (let x = box.left; x <= box.right; x += 1) {
      const inside = Math.min(1, Math.max(0, r + 0.5 - length(x + 0.5 - cx, y + 0.5 - cy)));
      const bitten = Math.min(1, Math.max(0, bite + 0.5 - length(x + 0.5 - cx - dx, y + 0.5 - cy - dy)));
      blend(canvas, x, y, colour, inside * (1 - bitten));
    }
  }
}

/** A convex polygon given clockwise or anticlockwise as flat [x0, y0, x1, y1, …]. */
export function convexPolygon(canvas: RgbCanvas, points: readonly number[], colour: Rgb, alpha = 1): void {
  const xs = points.filter((_, i) => i % 2 === 0);
  const ys = points.filter((_, i) => i % 2 === 1);
  const box = clampedBox(
    canvas,
    Math.min(...xs) - 1,
    Math.min(...ys) - 1,
    Math.max(...xs) + 1,
    Math.max(...ys) + 1,
  );
  const edges = polygonEdges(points);
  for (let y = box.top; y <= box.bottom; y += 1) {
    for (let x = box.left; x <= box.right; x += 1) {
      // Signed distance to the polygon's boundary (negative inside) from its edge half-planes.
      let outside = -Infinity;
      for (const edge of edges) {
        outside = Math.max(outside, (x + 0.5 - edge.x) * edge.nx + (y + 0.5 - edge.y) * edge.ny);
      }
      blend(canvas, x, y, colour, alpha * Math.min(1, Math.max(0, 0.5 - outside)));
    }
  }
}

function polygonEdges(points: readonly number[]) {
  const count = points.length / 2;
  let area = 0;
  for (let i = 0; i < count; i += 1) {
    const j = (i + 1) % count;
    area += (points[i * 2] ?? 0) * (points[j * 2 + 1] ?? 0) - (points[j * 2] ?? 0) * (points[i * 2 + 1] ?? 0);
  }
  const sign = area > 0 ? 1 : -1;
  return Array.from({ length: count }, (_, i) => {
    const j = (i + 1) % count;
    const x = points[i * 2] ?? 0;
    const y = points[i * 2 + 1] ?? 0;
    const ex = (points[j * 2] ?? 0) - x;
    const ey = (points[j * 2 + 1] ?? 0) - y;
    const length = Math.hypot(ex, ey) || 1;
    // Outward normal, whichever way the points wind.
    return { x, y, nx: (sign * ey) / length, ny: (-sign * ex) / length };
  });
}

export function thickLine(
  canvas: RgbCanvas,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  halfWidth: number,
  colour: Rgb,
  alpha = 1,
): void {
  const box = clampedBox(
    canvas,
    Math.min(x0, x1) - halfWidth - 1,
    Math.min(y0, y1) - halfWidth - 1,
    Math.max(x0, x1) + halfWidth + 1,
    Math.max(y0, y1) + halfWidth + 1,
  );
  const dx = x1 - x0;
  const dy = y1 - y0;
  const lengthSquared = dx * dx + dy * dy || 1;
  for (let y = box.top; y <= box.bottom; y += 1) {
    for (let x = box.left; x <= box.right; x += 1) {
      const px = x + 0.5 - x0;
      const py = y + 0.5 - y0;
      const t = Math.min(1, Math.max(0, (px * dx + py * dy) / lengthSquared));
      const d = length(px - t * dx, py - t * dy);
      blend(canvas, x, y, colour, alpha * penCoverage(d, halfWidth));
    }
  }
}

/** Fills everything below the curve y = surface(x), anti-aliased vertically. */
export function bandBelow(canvas: RgbCanvas, surface: (x: number) => number, colour: Rgb, alpha = 1): void {
  for (let x = 0; x < canvas.width; x += 1) {
    const edge = surface(x + 0.5);
    for (let y = Math.max(0, Math.floor(edge)); y < canvas.height; y += 1) {
      blend(canvas, x, y, colour, alpha * Math.min(1, Math.max(0, y + 1 - edge)));
    }
  }
}

/** Math.hypot guards against overflow we cannot have here, and costs several times more per pixel. */
function length(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}
