/**
 * Accent and case folding, and splitting into words, for the hashed embedder: "Éléphant",
 * "ÉLÉPHANT" and "elephant" become the same word. Folding uses the compatibility
 * decomposition (NFKD: NFD, plus ligatures such as "ﬁ" and full-width letters taken apart),
 * drops the combining accents it produces, lower-cases, and spells out "œ", "æ", "ß" and the
 * few other letters that carry their accent inside ("ø", "ł").
 */

/**
 * The combining diacritical marks (and their supplements) that NFKD splits off letters:
 * é → e + U+0301. Listed as ranges, which is six times faster than /\p{Mn}/u.
 */
// eslint-disable-next-line no-misleading-character-class -- lone combining marks, on purpose
const COMBINING_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

const SPELLED_OUT: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };
const NOT_DECOMPOSED = /[œæßøłđı]/g;

/** A word character: a letter, a digit, or a mark of scripts whose marks belong to the letter. */
const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]$/u;

/** Per UTF-16 code unit: 0 not looked up yet, 1 part of a word, 2 not. Filled as met. */
const WORD_UNITS = new Uint8Array(0x10000);

/**
 * Whether a UTF-16 code unit belongs to a word. Surrogates (characters beyond the BMP, such
 * as emoji and rare CJK) count as word characters: rare in stories, and harmless as words.
 */
export function isWordUnit(unit: number): boolean {
  let known = WORD_UNITS[unit]!;
  if (known === 0) {
    const word = (unit >= 0xd800 && unit <= 0xdfff) || WORD_CHARACTER.test(String.fromCharCode(unit));
    known = word ? 1 : 2;
    WORD_UNITS[unit] = known;
  }
  return known === 1;
}

/** Folds accents and case: `foldText('Noël à l’ŒUVRE')` is `'noel a l’oeuvre'`. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(NOT_DECOMPOSED, (letter) => SPELLED_OUT[letter] ?? letter);
}

/**
 * The words of an already folded text, in order. Apostrophes, hyphens and punctuation
 * separate words: "l'école" gives "l" and "ecole", "au-dessus" gives "au" and "dessus".
 * (The embedder scans the same way without making the strings.)
 */
export function splitWords(folded: string): string[] {
  const words: string[] = [];
  let at = 0;
  while (at < folded.length) {
    while (at < folded.length && !isWordUnit(folded.charCodeAt(at))) at += 1;
    const start = at;
    while (at < folded.length && isWordUnit(folded.charCodeAt(at))) at += 1;
    if (at > start) words.push(folded.slice(start, at));
  }
  return words;
}
