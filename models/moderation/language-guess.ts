/**
 * Which language's term lists to use. Some words are harmless in one language and not in
 * the other ("retard" is "late" in French and a slur in English; "bite" is an English verb
 * and a French vulgarity; "pain" is French bread), so a text is checked against the lists of
 * its own language when that is known. When the caller does not say, the text's most common
 * short words decide; a text with too few of them, or as many of each, gets both lists.
 */
export type ListLanguage = 'fr' | 'en';

const FRENCH = new Set(
  'le la les et est un une des du de en il elle je tu nous vous ils elles que qui dans pour pas ne sur avec mais au aux ce cette son sa ses etait sont tres'.split(
    ' ',
  ),
);
const ENGLISH = new Set(
  'the and is was of to in he she it you that with for not but his her they were are this had have be at very'.split(
    ' ',
  ),
);

/** Fewer telltale words than this, and the guess is "don't know". */
const MIN_EVIDENCE = 2;

/** Counts telltale French and English words among folded words. */
export function countLanguageEvidence(words: readonly string[]): { fr: number; en: number } {
  let fr = 0;
  let en = 0;
  for (const word of words) {
    if (FRENCH.has(word)) fr += 1;
    else if (ENGLISH.has(word)) en += 1;
  }
  return { fr, en };
}

/** The language a text is clearly written in, or null when it is not clear. */
export function guessListLanguage(evidence: { fr: number; en: number }): ListLanguage | null {
  if (evidence.fr + evidence.en < MIN_EVIDENCE) return null;
  if (evidence.fr >= 2 * evidence.en) return 'fr';
  if (evidence.en >= 2 * evidence.fr) return 'en';
  return null;
}

/**
 * How a text's lists are chosen. A caller's language ("fr", "fr-FR", "en-GB") names its
 * lists for the whole text; any other language gets both (they still catch English slurs
 * and loanwords; the classifier is the real check there). With no language given, each
 * paragraph is guessed by itself, so a bilingual story reads each part in its own language;
 * a paragraph too short to tell takes the guess for the whole text, or both lists.
 */
export type LanguageChoice = { fixed: ListLanguage[] } | { guessed: ListLanguage[] };

export function languageChoiceFor(language: string | undefined, words: readonly string[]): LanguageChoice {
  const primary = typeof language === 'string' ? language.trim().toLowerCase().split(/[-_]/)[0] : undefined;
  if (primary === 'fr' || primary === 'en') return { fixed: [primary] };
  if (primary) return { fixed: ['fr', 'en'] };
  const guess = guessListLanguage(countLanguageEvidence(words));
  return { guessed: guess ? [guess] : ['fr', 'en'] };
}

/** The lists for one paragraph of a text (its folded words). */
export function paragraphLanguages(choice: LanguageChoice, words: readonly string[]): ListLanguage[] {
  if ('fixed' in choice) return choice.fixed;
  const guess = guessListLanguage(countLanguageEvidence(words));
  return guess ? [guess] : choice.guessed;
}
