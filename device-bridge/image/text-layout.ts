/**
 * Fits a run of glyphs into a box: word wrap on spaces, the largest scale at which the text takes
 * at most `maxLines` lines, and at the smallest scale, words broken mid-way and an ellipsis where
 * the text still does not fit. Widths count the ink itself (strokes plus pen and halo reach), so
 * nothing drawn can cross the box.
 */
import { ACCENT_ASCENT, EXTRA_GLYPHS } from './accent-glyphs.js';
import { asciiGlyph, type StrokeGlyph } from './stroke-glyph.js';
import type { CardText } from './text-glyphs.js';

/** Lowest ink below the baseline: descenders, commas, the cedilla. */
export const DESCENT = 7;

export interface BlockStyle {
  maxLines: number;
  /** Pixels per font unit: the largest tried first, down to the smallest. */
  maxScale: number;
  minScale: number;
  /** Baseline to baseline, in font units. */
  pitch: number;
  /** Extra space between glyphs, in font units: thick pens need more room than thin ones. */
  tracking: number;
  /** Horizontal shear per unit of height (0 = upright). */
  slant: number;
  /** How far ink reaches past stroke centre lines at a scale (pen, halo, anti-aliasing), in pixels. */
  reach: (scale: number) => number;
}

export interface PlacedGlyph {
  glyph: StrokeGlyph;
  /** Pen position in font units from the line's start. */
  x: number;
}

export interface PlacedLine {
  glyphs: PlacedGlyph[];
  /** Ink extent in font units (stroke centre lines, slant included). */
  inkMin: number;
  inkMax: number;
  text: string;
}

export interface TextBlock {
  scale: number;
  lines: PlacedLine[];
}

const SPACE = asciiGlyph(' ') as StrokeGlyph;
const ELLIPSIS = EXTRA_GLYPHS.get('…') as StrokeGlyph;
const HYPHEN = EXTRA_GLYPHS.get('-') as StrokeGlyph;
/** Dropped before an ellipsis: "ancienne,…" and "extra-…" read badly. */
const BEFORE_ELLIPSIS_DROP = new Set([' ', ',', ';', ':', '-', '.']);
/** Each smaller scale tried is this much smaller than the last. */
const SCALE_STEP = 0.94;

/** Height in pixels of `lines` lines of ink, accents and descenders included. */
export function blockHeight(lines: number, scale: number, style: BlockStyle): number {
  if (lines === 0) return 0;
  return ((lines - 1) * style.pitch + ACCENT_ASCENT + DESCENT) * scale + 2 * style.reach(scale);
}

export function placeLine(glyphs: readonly StrokeGlyph[], style: BlockStyle): PlacedLine {
  const placed: PlacedGlyph[] = [];
  let pen = 0;
  let inkMin = Infinity;
  let inkMax = -Infinity;
  for (const glyph of glyphs) {
    placed.push({ glyph, x: pen });
    if (!glyph.space) {
      // Slant moves a glyph's top right: the extremes are at its corners.
      inkMin = Math.min(
        inkMin,
        pen + glyph.minX + Math.min(0, style.slant * glyph.minY, style.slant * glyph.maxY),
      );
      inkMax = Math.max(
        inkMax,
        pen + glyph.maxX + Math.max(0, style.slant * glyph.maxY, style.slant * glyph.minY),
      );
    }
    pen += glyph.advance + style.tracking;
  }
  if (inkMin > inkMax) inkMin = inkMax = 0;
  return { glyphs: placed, inkMin, inkMax, text: glyphs.map((g) => g.text).join('') };
}

function inkWidth(glyphs: readonly StrokeGlyph[], style: BlockStyle): number {
  const line = placeLine(glyphs, style);
  return line.inkMax - line.inkMin;
}

function splitWords(glyphs: readonly StrokeGlyph[]): StrokeGlyph[][] {
  const words: StrokeGlyph[][] = [[]];
  for (const glyph of glyphs) {
    if (glyph.space) words.push([]);
    else words[words.length - 1]?.push(glyph);
  }
  return words.filter((word) => word.length > 0);
}

/**
 * Greedy wrap to `maxWidth` font units. Without `breakWords`, a word wider than a line makes the
 * wrap fail (the caller then tries a smaller scale); with it, the word is cut between letters.
 */
function wrap(
  words: readonly StrokeGlyph[][],
  maxWidth: number,
  style: BlockStyle,
  breakWords: boolean,
): StrokeGlyph[][] | undefined {
  const lines: StrokeGlyph[][] = [];
  let current: StrokeGlyph[] = [];
  for (const word of words) {
    const joined = current.length > 0 ? [...current, SPACE, ...word] : word;
    if (inkWidth(joined, style) <= maxWidth) {
      current = joined;
      continue;
    }
    if (current.length > 0) lines.push(current);
    current = [];
    if (inkWidth(word, style) <= maxWidth) {
      current = [...word];
      continue;
    }
    if (!breakWords) return undefined;
    // Cut between letters with a hyphen, keeping room for the hyphen on every cut line.
    word.forEach((glyph, g) => {
      const trial = g === word.length - 1 ? [...current, glyph] : [...current, glyph, HYPHEN];
      if (current.length > 0 && inkWidth(trial, style) > maxWidth) {
        lines.push([...current, HYPHEN]);
        current = [];
      }
      current.push(glyph);
    });
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

/** The narrowest width that still wraps into the same number of lines: evens out line lengths. */
function balance(
  words: readonly StrokeGlyph[][],
  maxWidth: number,
  style: BlockStyle,
  count: number,
): StrokeGlyph[][] {
  let low = 0;
  let high = maxWidth;
  for (let step = 0; step < 12; step += 1) {
    const middle = (low + high) / 2;
    const lines = wrap(words, middle, style, false);
    if (lines && lines.length <= count) high = middle;
    else low = middle;
  }
  return wrap(words, high, style, false) ?? [];
}

/** Ends `line` with an ellipsis, dropping glyphs from its end until it fits. */
function withEllipsis(line: readonly StrokeGlyph[], maxWidth: number, style: BlockStyle): StrokeGlyph[] {
  const kept = [...line];
  for (;;) {
    while (BEFORE_ELLIPSIS_DROP.has(kept[kept.length - 1]?.text ?? '')) kept.pop();
    const candidate = [...kept, ELLIPSIS];
    if (kept.length === 0 || inkWidth(candidate, style) <= maxWidth) return candidate;
    kept.pop();
  }
}

function scalesToTry(style: BlockStyle): number[] {
  const scales: number[] = [];
  for (let scale = style.maxScale; scale > style.minScale; scale *= SCALE_STEP) scales.push(scale);
  scales.push(style.minScale);
  return scales;
}

/** Lays `text` out in a box of `width` × `height` pixels; `balanced` evens out line lengths. */
export function layoutBlock(
  text: CardText,
  width: number,
  height: number,
  style: BlockStyle,
  balanced: boolean,
): TextBlock {
  const words = splitWords(text.glyphs);
  if (words.length === 0) return { scale: style.minScale, lines: [] };
  const widthAt = (scale: number) => Math.max(0, (width - 2 * style.reach(scale)) / scale);
  if (!text.cut) {
    for (const scale of scalesToTry(style)) {
      const lines = wrap(words, widthAt(scale), style, false);
      if (!lines || lines.length > style.maxLines || blockHeight(lines.length, scale, style) > height)
        continue;
      const even = balanced && lines.length > 1 ? balance(words, widthAt(scale), style, lines.length) : lines;
      return { scale, lines: even.map((line) => placeLine(line, style)) };
    }
  }
  return truncated(words, text.cut, height, style, widthAt(style.minScale));
}

/** The smallest scale, as many lines as fit, words broken if need be, and an ellipsis if text is left over. */
function truncated(
  words: readonly StrokeGlyph[][],
  cut: boolean,
  height: number,
  style: BlockStyle,
  maxWidth: number,
): TextBlock {
  const scale = style.minScale;
  let room = style.maxLines;
  while (room > 1 && blockHeight(room, scale, style) > height) room -= 1;
  const lines = wrap(words, maxWidth, style, true) ?? [];
  const kept = lines.slice(0, room);
  const last = kept.length - 1;
  if (cut || lines.length > room) kept[last] = withEllipsis(kept[last] ?? [], maxWidth, style);
  return { scale, lines: kept.map((line) => placeLine(line, style)) };
}
