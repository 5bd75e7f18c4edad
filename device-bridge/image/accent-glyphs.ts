/**
 * Letters the Hershey ASCII set lacks, built from its glyphs: accented letters (base letter plus
 * accent strokes of our own design, placed above the x-height or cap height, or below the
 * baseline for the cedilla), the ligatures œ Œ æ Æ, and a few marks French text uses (« » …).
 */
import { asciiGlyph, CAP_HEIGHT, makeGlyph, X_HEIGHT, type StrokeGlyph } from './stroke-glyph.js';

/**
 * Accent strokes as [dx, dy] points: dx from the letter's ink centre, dy above the letter's top
 * (or from the baseline for marks placed below). The gap of ≥ 3.5 units keeps a thick accent
 * clear of the letter; shapes were drawn for the Roman Simplex proportions.
 */
interface AccentShape {
  below: boolean;
  strokes: readonly (readonly number[])[];
}

const ACCENTS: ReadonlyMap<string, AccentShape> = new Map([
  ['\u0301', { below: false, strokes: [[-1.5, 3.5, 2.5, 8]] }], // acute
  ['\u0300', { below: false, strokes: [[-2.5, 8, 1.5, 3.5]] }], // grave
  ['\u0302', { below: false, strokes: [[-3.5, 3.5, 0, 7.5, 3.5, 3.5]] }], // circumflex
  ['\u030C', { below: false, strokes: [[-3.5, 7.5, 0, 3.5, 3.5, 7.5]] }], // caron
  [
    '\u0308',
    {
      below: false,
      strokes: [
        [-3, 5],
        [3, 5],
      ],
    },
  ], // diaeresis
  ['\u0307', { below: false, strokes: [[0, 5]] }], // dot above
  ['\u0304', { below: false, strokes: [[-3.5, 5, 3.5, 5]] }], // macron
  ['\u0303', { below: false, strokes: [[-4.5, 4, -3, 5.8, -1.5, 6, 1.5, 4.5, 3, 4.5, 4.5, 6.2]] }], // tilde
  ['\u030A', { below: false, strokes: [ring(0, 6, 2)] }], // ring
  ['\u0327', { below: true, strokes: [[0.5, 0, -0.5, -2.5, 1.5, -3.2, 2, -4.5, 1, -5.5, -1.5, -5.8]] }], // cedilla
]);

/** Highest point an accent reaches above a capital: line layout reserves this much. */
export const ACCENT_ASCENT = CAP_HEIGHT + 8;

function ring(cx: number, cy: number, r: number): number[] {
  const points: number[] = [];
  for (let i = 0; i <= 8; i += 1) {
    const angle = (i / 8) * 2 * Math.PI;
    points.push(cx + r * Math.cos(angle), cy + r * Math.sin(angle));
  }
  return points;
}

export function isKnownAccent(mark: string): boolean {
  return ACCENTS.has(mark);
}

/** i and j lose their dot under an accent (î, ï), as in print. */
function baseForAccent(letter: string): StrokeGlyph | undefined {
  const glyph = asciiGlyph(letter);
  if (!glyph || (letter !== 'i' && letter !== 'j')) return glyph;
  return makeGlyph(letter, glyph.advance, glyph.strokes.slice(1));
}

/** `letter` (ASCII) with the given combining marks; marks we have no shape for are skipped. */
export function accentedGlyph(
  text: string,
  letter: string,
  marks: readonly string[],
): StrokeGlyph | undefined {
  const base = baseForAccent(letter);
  if (!base) return undefined;
  // The letter's own top: x-height for most lower case, cap height for capitals and ascenders.
  const top = Math.max(X_HEIGHT, base.maxY);
  const centre = (base.minX + base.maxX) / 2;
  const strokes = [...base.strokes];
  let stackAbove = 0;
  for (const mark of marks) {
    const shape = ACCENTS.get(mark);
    if (!shape) continue;
    const originY = shape.below ? 0 : top + stackAbove;
    for (const stroke of shape.strokes) {
      strokes.push(stroke.map((v, i) => (i % 2 === 0 ? centre + v : originY + v)));
    }
    if (!shape.below) stackAbove += 5;
  }
  return makeGlyph(text, base.advance, strokes);
}

/** Two glyphs sharing a side: the second starts where the first's ink ends (œ = o|e, Œ = O|E). */
function ligature(text: string, first: string, second: string): StrokeGlyph {
  const a = asciiGlyph(first);
  const b = asciiGlyph(second);
  if (!a || !b) throw new Error(`ligature parts missing for ${text}`);
  const shift = a.maxX - b.minX;
  const moved = b.strokes.map((stroke) => stroke.map((v, i) => (i % 2 === 0 ? v + shift : v)));
  return makeGlyph(text, shift + b.advance, [...a.strokes, ...moved]);
}

function slashed(text: string, letter: string): StrokeGlyph {
  const base = asciiGlyph(letter);
  if (!base) throw new Error(`slashed base missing for ${text}`);
  return makeGlyph(text, base.advance, [
    ...base.strokes,
    [base.minX - 1, base.minY - 1.5, base.maxX + 1, base.maxY + 1.5],
  ]);
}

function dash(text: string): StrokeGlyph {
  const minus = asciiGlyph('-');
  if (!minus) throw new Error('minus glyph missing');
  return makeGlyph(text, minus.advance, minus.strokes);
}

/** Glyphs drawn whole rather than composed from a letter and marks (these take precedence over ASCII). */
export const EXTRA_GLYPHS: ReadonlyMap<string, StrokeGlyph> = new Map([
  ['œ', ligature('œ', 'o', 'e')],
  ['Œ', ligature('Œ', 'O', 'E')],
  ['æ', ligature('æ', 'a', 'e')],
  ['Æ', ligature('Æ', 'A', 'E')],
  ['ø', slashed('ø', 'o')],
  ['Ø', slashed('Ø', 'O')],
  [
    '«',
    makeGlyph('«', 16, [
      [8, 12, 4, 7, 8, 2],
      [13, 12, 9, 7, 13, 2],
    ]),
  ],
  [
    '»',
    makeGlyph('»', 16, [
      [3, 12, 7, 7, 3, 2],
      [8, 12, 12, 7, 8, 2],
    ]),
  ],
  [
    '…',
    makeGlyph('…', 18, [
      [4, 1],
      [9, 1],
      [14, 1],
    ]),
  ],
  // Simplex's '-' is a minus as wide as an 'n'; in French text '-' joins words (es-tu, arc-en-ciel),
  // so it gets a short hyphen and the wide stroke serves as the dash.
  ['-', makeGlyph('-', 13, [[3.5, 9, 9.5, 9]])],
  ['–', dash('–')],
  ['—', dash('—')],
]);

/** Letters and digits of scripts we cannot draw: an empty box, so a word keeps its length. */
export function unknownLetterGlyph(text: string): StrokeGlyph {
  return makeGlyph(text, 16, [[3, 0, 13, 0, 13, CAP_HEIGHT, 3, CAP_HEIGHT, 3, 0]]);
}
