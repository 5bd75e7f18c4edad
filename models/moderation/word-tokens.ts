/**
 * The words of a text, folded, with where each one sits in the original text, so a finding
 * can point at the exact characters a parent wrote. Anything that is not a letter or a digit
 * separates words: French elision ("l'assassin", "qu'il", "d'alcool") leaves the particle as
 * a word of its own and the noun intact, and "à tue-tête" is the words "a", "tue", "tete".
 *
 * Folding is the embedder's (models/embed/text-folding: accents, case, ligatures, "œ" → "oe"),
 * applied one character at a time through a table filled as characters are met, which keeps
 * offsets those of the original and is several times faster than normalising each word.
 * Per character it gives what folding the whole word gives, for every script a story list
 * covers (Latin); only context-dependent lower-casing (Greek final sigma) could differ.
 */
import { foldText, isWordUnit } from '../embed/text-folding';

export interface WordTokens {
  /** Folded words, in order. */
  words: string[];
  /** Offset of each word's first character in the original text. */
  starts: number[];
  /** Offset just past each word's last character. */
  ends: number[];
}

/** Longer runs of letters are junk (base64, a held-down key), not words; they are cut into pieces. */
const MAX_WORD_LENGTH = 64;

/** The fold of each UTF-16 code unit, filled as met; surrogates stay as they are. */
const FOLDED_UNITS: Array<string | undefined> = new Array(0x10000);

function foldedUnit(unit: number): string {
  let folded = FOLDED_UNITS[unit];
  if (folded === undefined) {
    const character = String.fromCharCode(unit);
    folded = unit >= 0xd800 && unit <= 0xdfff ? character : foldText(character);
    FOLDED_UNITS[unit] = folded;
  }
  return folded;
}

export function wordTokens(text: string): WordTokens {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const length = text.length;
  let at = 0;
  while (at < length) {
    while (at < length && !isWordUnit(text.charCodeAt(at))) at += 1;
    const start = at;
    let ascii = true;
    while (at < length && at - start < MAX_WORD_LENGTH) {
      const unit = text.charCodeAt(at);
      if (!isWordUnit(unit)) break;
      if (unit > 0x7f) ascii = false;
      at += 1;
    }
    if (at === start) continue;
    // Most words of English and many of French are plain ASCII: lower-casing is their whole fold.
    words.push(ascii ? text.slice(start, at).toLowerCase() : foldWord(text, start, at));
    starts.push(start);
    ends.push(at);
  }
  return { words, starts, ends };
}

/** Folds of recent non-ASCII words: a story repeats its words, and a lookup beats re-folding. */
const FOLDED_WORDS = new Map<string, string>();
const MAX_FOLDED_WORDS = 20_000;

function foldWord(text: string, start: number, end: number): string {
  const word = text.slice(start, end);
  let folded = FOLDED_WORDS.get(word);
  if (folded === undefined) {
    folded = '';
    for (let at = start; at < end; at += 1) folded += foldedUnit(text.charCodeAt(at));
    // Junk makes every word new: start afresh rather than grow without end.
    if (FOLDED_WORDS.size >= MAX_FOLDED_WORDS) FOLDED_WORDS.clear();
    FOLDED_WORDS.set(word, folded);
  }
  return folded;
}
