/**
 * The little language of the term lists (terms/*.ts). A pattern is one or more words,
 * separated by single spaces, matched against consecutive words of the text:
 *
 *     kill~vr                  one word: the stem "kill" with the suffixes of rule `vr`
 *     dead body|bodies         two words; the second is either "body" or "bodies"
 *     beat [him|her|them] up   a word in brackets may be absent
 *     viol|viols|violeur~s     alternatives may each carry a rule
 *
 * Words of the text are accent- and case-folded and split on anything not a letter or a
 * digit (word-tokens.ts), so patterns are written folded ("egorg~er" for "égorger"), hold
 * only a-z and 0-9, and never contain an apostrophe or a hyphen: "l'assassin" is the words
 * "l" and "assassin", "self-harm" is "self harm". A pattern never matches inside a word.
 * The first word may not be optional (it is the key the matcher looks words up by).
 */
import { INFLECTION_RULES, isInflectionRule } from './inflection-rules';

/** One way to read a pattern: for each word position, the folded forms allowed there. */
export type TermVariant = ReadonlyArray<ReadonlySet<string>>;

const FORM = /^[a-z0-9]+$/;
/** At most this many optional words, so a pattern expands to at most 8 variants. */
const MAX_OPTIONAL_WORDS = 3;

function expandAlternative(alternative: string, pattern: string): string[] {
  const [stem = '', rule, ...rest] = alternative.split('~');
  if (rest.length > 0) throw new Error(`term "${pattern}": more than one ~ in "${alternative}"`);
  if (rule === undefined) return [stem];
  if (!isInflectionRule(rule)) throw new Error(`term "${pattern}": unknown rule ~${rule}`);
  return INFLECTION_RULES[rule].map((suffix) => stem + suffix);
}

function parseWord(word: string, pattern: string): { forms: Set<string>; optional: boolean } {
  const optional = word.startsWith('[') && word.endsWith(']');
  const body = optional ? word.slice(1, -1) : word;
  const forms = new Set<string>();
  for (const alternative of body.split('|')) {
    for (const form of expandAlternative(alternative, pattern)) {
      if (!FORM.test(form)) throw new Error(`term "${pattern}": "${form}" is not a folded word`);
      forms.add(form);
    }
  }
  return { forms, optional };
}

/** Every reading of a pattern (each optional word present or absent). Throws on a malformed pattern. */
export function expandTermPattern(pattern: string): TermVariant[] {
  const words = pattern.split(' ').map((word) => parseWord(word, pattern));
  if (words.length === 0 || words[0]!.optional)
    throw new Error(`term "${pattern}": starts with an optional word`);
  if (words.filter((word) => word.optional).length > MAX_OPTIONAL_WORDS)
    throw new Error(`term "${pattern}": more than ${MAX_OPTIONAL_WORDS} optional words`);
  let variants: Array<Array<Set<string>>> = [[]];
  for (const word of words) {
    const withWord = variants.map((variant) => [...variant, word.forms]);
    variants = word.optional ? [...variants, ...withWord] : withWord;
  }
  return variants;
}
