/**
 * Maps an RGB picture onto a palette. Floyd–Steinberg error diffusion (serpentine, so errors do
 * not drift to one side) keeps gradients' average brightness at only 16 colours; the nearest
 * colour is found in (chroma-weighted) OKLab so the choice matches what the eye sees. Pictures whose colours are
 * all in the palette map exactly, without diffusion.
 */
import { nearestCentre, toMatchSpace, type Palette } from './palette-quantize.js';

/** Returns one palette index per pixel, in the picture's row order. */
export function ditherToPalette(
  rgb: Uint8Array,
  width: number,
  height: number,
  palette: Palette,
): Uint8Array {
  const exact = mapExactly(rgb, palette);
  if (exact) return exact;
  const centres = new Float64Array(palette.length);
  for (let c = 0; c < palette.length; c += 3)
    toMatchSpace(palette[c] ?? 0, palette[c + 1] ?? 0, palette[c + 2] ?? 0, centres, c);
  const work = Float64Array.from(rgb);
  const indices = new Uint8Array(width * height);
  const nearest = nearestWithCache(centres);
  for (let y = 0; y < height; y += 1) {
    const leftToRight = y % 2 === 0;
    for (let step = 0; step < width; step += 1) {
      const x = leftToRight ? step : width - 1 - step;
      const at = (y * width + x) * 3;
      const r = clamp(work[at] ?? 0);
      const g = clamp(work[at + 1] ?? 0);
      const b = clamp(work[at + 2] ?? 0);
      const index = nearest(Math.round(r), Math.round(g), Math.round(b));
      indices[y * width + x] = index;
      const error = [
        r - (palette[index * 3] ?? 0),
        g - (palette[index * 3 + 1] ?? 0),
        b - (palette[index * 3 + 2] ?? 0),
      ];
      spread(work, width, height, x, y, leftToRight ? 1 : -1, error);
    }
  }
  return indices;
}

/** Dithered pictures reuse a few thousand distinct colours; each is matched once. */
function nearestWithCache(centres: Float64Array): (r: number, g: number, b: number) => number {
  const cache = new Map<number, number>();
  const lab = new Float64Array(3);
  return (r, g, b) => {
    const key = (r << 16) | (g << 8) | b;
    let index = cache.get(key);
    if (index === undefined) {
      toMatchSpace(r, g, b, lab, 0);
      index = nearestCentre(centres, lab[0] ?? 0, lab[1] ?? 0, lab[2] ?? 0);
      cache.set(key, index);
    }
    return index;
  };
}

function clamp(value: number): number {
  return Math.min(255, Math.max(0, value));
}

/** Floyd–Steinberg weights: 7/16 ahead, 3/16 behind-below, 5/16 below, 1/16 ahead-below. */
function spread(
  work: Float64Array,
  width: number,
  height: number,
  x: number,
  y: number,
  dir: number,
  error: number[],
): void {
  const add = (dx: number, dy: number, share: number): void => {
    const nx = x + dx * dir;
    const ny = y + dy;
    if (nx < 0 || nx >= width || ny >= height) return;
    const at = (ny * width + nx) * 3;
    for (let c = 0; c < 3; c += 1) work[at + c] = (work[at + c] ?? 0) + (error[c] ?? 0) * share;
  };
  add(1, 0, 7 / 16);
  add(-1, 1, 3 / 16);
  add(0, 1, 5 / 16);
  add(1, 1, 1 / 16);
}

/** Exact lookup when every pixel is already a palette colour; undefined otherwise. */
function mapExactly(rgb: Uint8Array, palette: Palette): Uint8Array | undefined {
  const lookup = new Map<number, number>();
  for (let c = palette.length - 3; c >= 0; c -= 3) {
    lookup.set(((palette[c] ?? 0) << 16) | ((palette[c + 1] ?? 0) << 8) | (palette[c + 2] ?? 0), c / 3);
  }
  const indices = new Uint8Array(rgb.length / 3);
  for (let i = 0; i < indices.length; i += 1) {
    const index = lookup.get(
      ((rgb[i * 3] ?? 0) << 16) | ((rgb[i * 3 + 1] ?? 0) << 8) | (rgb[i * 3 + 2] ?? 0),
    );
    if (index === undefined) return undefined;
    indices[i] = index;
  }
  return indices;
}
