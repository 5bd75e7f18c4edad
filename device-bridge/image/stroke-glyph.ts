/**
 * A drawable character: pen strokes in font units (Hershey's: baseline at y = 0, y up, capitals
 * 21 units tall), its advance width and its ink extents, so layout can fit the ink itself rather
 * than the advance box (thick strokes reach past the thin-pen outlines the font was drawn for).
 */
import { SIMPLEX_FIRST_CODE, SIMPLEX_GLYPHS } from './hershey-simplex.js';

export interface StrokeGlyph {
  /** The text this glyph stands for (a letter, "é", "œ", "…"), so laid-out lines can be read back. */
  text: string;
  advance: number;
  /** Polylines as flat [x0, y0, x1, y1, …]; a single point draws a dot. */
  strokes: readonly (readonly number[])[];
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  /** A word break: layout wraps lines here and drops it at line ends. */
  space: boolean;
}

export const CAP_HEIGHT = 21;
export const X_HEIGHT = 14;

export function makeGlyph(
  text: string,
  advance: number,
  strokes: readonly (readonly number[])[],
): StrokeGlyph {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (let i = 0; i + 1 < stroke.length; i += 2) {
      const x = stroke[i] ?? 0;
      const y = stroke[i + 1] ?? 0;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  if (strokes.length === 0) {
    // A space has no ink: give it an empty extent at the pen position so measures stay finite.
    minX = maxX = minY = maxY = 0;
  }
  return { text, advance, strokes, minX, maxX, minY, maxY, space: strokes.length === 0 };
}

function parseGlyph(text: string, encoded: string): StrokeGlyph {
  const [advance = '0', body = ''] = encoded.split(':');
  const strokes = body
    .split('|')
    .map((stroke) => stroke.trim())
    .filter((stroke) => stroke.length > 0)
    .map((stroke) => stroke.split(/\s+/).flatMap((point) => point.split(',').map(Number)));
  return makeGlyph(text, Number(advance), strokes);
}

const ascii: StrokeGlyph[] = SIMPLEX_GLYPHS.map((encoded, i) =>
  parseGlyph(String.fromCharCode(SIMPLEX_FIRST_CODE + i), encoded),
);

/** The font's glyph for a printable ASCII character, or undefined. */
export function asciiGlyph(char: string): StrokeGlyph | undefined {
  const code = char.length === 1 ? char.charCodeAt(0) : -1;
  return ascii[code - SIMPLEX_FIRST_CODE];
}
