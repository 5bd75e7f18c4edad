/**
 * Chooses the 16 colours a Lunii picture may use. A picture that already has 16 colours or
 * fewer keeps exactly those; otherwise median cut in OKLab gives a first palette, which a few
 * k-means passes refine (median cut alone leaves colours on the table in smooth gradients).
 */
import { oklabToSrgb, srgbToOklab } from './oklab.js';

/** Palette as RGB triplets, at most 16 entries. */
export type Palette = Uint8Array;

export const LUNII_COLOURS = 16;
const KMEANS_PASSES = 6;
/**
 * Dithering can mix any lightness between two palette entries, but not a hue the palette lacks,
 * so hue differences count more than OKLab's plain distance when choosing and matching colours.
 * 1.5 was chosen on photo-like test scenes (worst 16×16-block error fell from 20 to 12 luma levels).
 */
const CHROMA_WEIGHT = 1.5;

/** sRGB → the space palettes are chosen and matched in: OKLab with chroma weighted. */
export function toMatchSpace(r: number, g: number, b: number, out: Float64Array, at: number): void {
  srgbToOklab(r, g, b, out, at);
  out[at + 1] = (out[at + 1] ?? 0) * CHROMA_WEIGHT;
  out[at + 2] = (out[at + 2] ?? 0) * CHROMA_WEIGHT;
}

function fromMatchSpace(l: number, a: number, b: number): [number, number, number] {
  return oklabToSrgb(l, a / CHROMA_WEIGHT, b / CHROMA_WEIGHT);
}

/**
 * 16 evenly spaced greys, 0 to 255. Lunii.QT uses int(255/16·i), whose lightest grey is 239;
 * 17·i keeps white white and still gives the box the greyscale it shows with Lunii.QT packs.
 */
export function grayPalette(): Palette {
  return Uint8Array.from({ length: LUNII_COLOURS * 3 }, (_, i) => Math.floor(i / 3) * 17);
}

/** The picture's own colours when there are at most `limit`, sorted dark to light; else undefined. */
export function exactPalette(rgb: Uint8Array, limit = LUNII_COLOURS): Palette | undefined {
  const seen = new Set<number>();
  for (let i = 0; i < rgb.length; i += 3) {
    seen.add(((rgb[i] ?? 0) << 16) | ((rgb[i + 1] ?? 0) << 8) | (rgb[i + 2] ?? 0));
    if (seen.size > limit) return undefined;
  }
  const colours = [...seen].sort((x, y) => luma(x) - luma(y) || x - y);
  return Uint8Array.from(colours.flatMap((c) => [c >> 16, (c >> 8) & 0xff, c & 0xff]));
}

function luma(colour: number): number {
  return 0.299 * (colour >> 16) + 0.587 * ((colour >> 8) & 0xff) + 0.114 * (colour & 0xff);
}

/** A palette of up to `colours` entries fitted to the picture. */
export function choosePalette(rgb: Uint8Array, colours = LUNII_COLOURS): Palette {
  const lab = sampleInMatchSpace(rgb);
  const centres = pinExtremes(rgb, refineWithKmeans(lab, medianCut(lab, colours)));
  const palette: number[] = [];
  for (let c = 0; c < centres.length; c += 3) {
    palette.push(...fromMatchSpace(centres[c] ?? 0, centres[c + 1] ?? 0, centres[c + 2] ?? 0));
  }
  return Uint8Array.from(palette);
}

/** Enough pixels to place 16 colours well; every pixel of 320×240 would cost 4× for nothing. */
const MAX_SAMPLES = 20_000;

function sampleInMatchSpace(rgb: Uint8Array): Float64Array {
  const count = rgb.length / 3;
  const step = Math.max(1, count / MAX_SAMPLES);
  const samples = Math.floor(count / step);
  const lab = new Float64Array(samples * 3);
  for (let s = 0; s < samples; s += 1) {
    const i = Math.floor(s * step) * 3;
    toMatchSpace(rgb[i] ?? 0, rgb[i + 1] ?? 0, rgb[i + 2] ?? 0, lab, s * 3);
  }
  return lab;
}

interface Box {
  members: Int32Array;
  /** Sum of squared distances to the box mean: how much splitting it could gain. */
  spread: number;
  axis: number;
}

function describeBox(lab: Float64Array, members: Int32Array): Box {
  let best = { spread: 0, axis: 0 };
  let total = 0;
  for (let axis = 0; axis < 3; axis += 1) {
    let sum = 0;
    let sumSquares = 0;
    for (const m of members) {
      const v = lab[m * 3 + axis] ?? 0;
      sum += v;
      sumSquares += v * v;
    }
    const spread = sumSquares - (sum * sum) / Math.max(1, members.length);
    total += spread;
    if (spread > best.spread) best = { spread, axis };
  }
  return { members, spread: total, axis: best.axis };
}

/** Splits the box with the most spread at its median along its widest axis, until `colours` boxes. */
function medianCut(lab: Float64Array, colours: number): Float64Array {
  const all = Int32Array.from({ length: lab.length / 3 }, (_, i) => i);
  const boxes = [describeBox(lab, all)];
  while (boxes.length < colours) {
    boxes.sort((x, y) => y.spread - x.spread);
    const box = boxes[0];
    if (!box || box.spread <= 1e-12 || box.members.length < 2) break;
    const sorted = Int32Array.from(box.members).sort(
      (x, y) => (lab[x * 3 + box.axis] ?? 0) - (lab[y * 3 + box.axis] ?? 0),
    );
    const half = sorted.length >> 1;
    boxes.splice(0, 1, describeBox(lab, sorted.subarray(0, half)), describeBox(lab, sorted.subarray(half)));
  }
  const centres = new Float64Array(boxes.length * 3);
  boxes.forEach((box, b) => {
    for (const m of box.members) {
      for (let axis = 0; axis < 3; axis += 1) {
        centres[b * 3 + axis] = (centres[b * 3 + axis] ?? 0) + (lab[m * 3 + axis] ?? 0) / box.members.length;
      }
    }
  });
  return centres;
}

/** Lloyd's k-means: move each centre to the mean of the points nearest it. */
function refineWithKmeans(lab: Float64Array, centres: Float64Array): Float64Array {
  const k = centres.length / 3;
  for (let pass = 0; pass < KMEANS_PASSES; pass += 1) {
    const sums = new Float64Array(k * 3);
    const counts = new Float64Array(k);
    for (let i = 0; i < lab.length; i += 3) {
      const nearest = nearestCentre(centres, lab[i] ?? 0, lab[i + 1] ?? 0, lab[i + 2] ?? 0);
      counts[nearest] = (counts[nearest] ?? 0) + 1;
      for (let axis = 0; axis < 3; axis += 1)
        sums[nearest * 3 + axis] = (sums[nearest * 3 + axis] ?? 0) + (lab[i + axis] ?? 0);
    }
    for (let c = 0; c < k; c += 1) {
      const n = counts[c] ?? 0;
      // A centre no point chose keeps its place rather than collapsing to the origin.
      if (n > 0)
        for (let axis = 0; axis < 3; axis += 1) centres[c * 3 + axis] = (sums[c * 3 + axis] ?? 0) / n;
    }
  }
  return centres;
}

/**
 * Cluster means never reach the picture's darkest and lightest colours, and error diffusion
 * cannot mix a colour outside the palette's range: whites would dither grey and letterbox bars
 * would not be pure black. So the darkest and lightest entries become the picture's own extremes.
 */
function pinExtremes(rgb: Uint8Array, centres: Float64Array): Float64Array {
  const darkestCentre = extremeIndex(centres, -1);
  const lightestCentre = extremeIndex(centres, 1);
  if (darkestCentre === lightestCentre) return centres;
  // Every pixel, not the sample: a thin white line is exactly what sampling would miss.
  const lab = new Float64Array(3);
  const darkest = new Float64Array([Infinity, 0, 0]);
  const lightest = new Float64Array([-Infinity, 0, 0]);
  for (let i = 0; i < rgb.length; i += 3) {
    toMatchSpace(rgb[i] ?? 0, rgb[i + 1] ?? 0, rgb[i + 2] ?? 0, lab, 0);
    if ((lab[0] ?? 0) < (darkest[0] ?? 0)) darkest.set(lab);
    if ((lab[0] ?? 0) > (lightest[0] ?? 0)) lightest.set(lab);
  }
  centres.set(darkest, darkestCentre * 3);
  centres.set(lightest, lightestCentre * 3);
  return centres;
}

/** Index of the colour with the lowest (sign -1) or highest (sign 1) OKLab lightness. */
function extremeIndex(lab: Float64Array, sign: 1 | -1): number {
  let best = 0;
  for (let i = 3; i < lab.length; i += 3) if (sign * ((lab[i] ?? 0) - (lab[best * 3] ?? 0)) > 0) best = i / 3;
  return best;
}

export function nearestCentre(centres: Float64Array, l: number, a: number, b: number): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < centres.length; c += 3) {
    const dl = l - (centres[c] ?? 0);
    const da = a - (centres[c + 1] ?? 0);
    const db = b - (centres[c + 2] ?? 0);
    const distance = dl * dl + da * da + db * db;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = c / 3;
    }
  }
  return best;
}
