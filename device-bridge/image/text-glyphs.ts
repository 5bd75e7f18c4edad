/**
 * Untrusted text → the glyphs we can draw. What happens to each character:
 * - printable ASCII: the Hershey Roman Simplex glyph;
 * - letters with accents (é è ê ë à â ù û ü ô î ï ç ñ å …, capitals too): the base letter with
 *   accent strokes composed (Unicode NFD tells us base and marks); œ Œ æ Æ ø Ø « » … drawn whole;
 * - typographic stand-ins: curly quotes → ' and ", ß → ss; '-' is drawn as a short hyphen,
 *   – and — as a long dash;
 * - any whitespace (tabs, newlines, no-break spaces) → one space;
 * - letters and digits of other scripts (Cyrillic, Greek, CJK, …) → an empty box, so a reader
 *   sees something is there;
 * - everything else is dropped: control and format characters, emoji, symbols, marks we have no
 *   shape for (a dropped emoji on a child's title card reads better than a box).
 */
import { accentedGlyph, EXTRA_GLYPHS, isKnownAccent, unknownLetterGlyph } from './accent-glyphs.js';
import { asciiGlyph, type StrokeGlyph } from './stroke-glyph.js';

const SUBSTITUTES: ReadonlyMap<string, string> = new Map([
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u02BC', "'"],
  ['\u201A', "'"],
  ['\u201C', '"'],
  ['\u201D', '"'],
  ['\u201E', '"'],
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2212', '—'],
  ['ß', 'ss'],
]);

export interface CardText {
  glyphs: StrokeGlyph[];
  /** True when the text was cut to `maxChars`: layout then ends it with an ellipsis. */
  cut: boolean;
}

/**
 * A string's first `maxChars` drawable characters. Only a bounded prefix is ever looked at, so a
 * 100,000-character title costs no more than a short one.
 */
export function textToGlyphs(text: string, maxChars: number): CardText {
  // 4 UTF-16 units cover any character with a few marks; dropped characters are rare enough.
  const prefix = text.slice(0, maxChars * 4);
  const chars = Array.from(prefix.normalize('NFC').replace(/\s+/gu, ' ').trim());
  const glyphs: StrokeGlyph[] = [];
  let used = 0;
  for (const char of chars) {
    if (glyphs.length >= maxChars) break;
    used += 1;
    for (const glyph of glyphsFor(char)) {
      if (glyph.space && (glyphs.length === 0 || glyphs[glyphs.length - 1]?.space)) continue;
      glyphs.push(glyph);
    }
  }
  while (glyphs[glyphs.length - 1]?.space) glyphs.pop();
  const cut = used < chars.length || prefix.length < text.length;
  return { glyphs: glyphs.slice(0, maxChars), cut };
}

function glyphsFor(char: string): StrokeGlyph[] {
  const direct = EXTRA_GLYPHS.get(char) ?? asciiGlyph(char);
  if (direct) return [direct];
  const substitute = SUBSTITUTES.get(char);
  if (substitute) return Array.from(substitute).flatMap(glyphsFor);
  const [base = '', ...marks] = Array.from(char.normalize('NFD'));
  if (marks.length > 0 && marks.some(isKnownAccent)) {
    const composed = accentedGlyph(char, base, marks);
    if (composed) return [composed];
  }
  if (/^[\p{L}\p{N}]$/u.test(char)) return [unknownLetterGlyph(char)];
  return [];
}
