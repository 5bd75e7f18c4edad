/**
 * A curated list of terms for one category in one language, by severity. Each entry is a
 * pattern in the language of term-pattern.ts, matched on whole folded words.
 */
import type { ListLanguage } from './language-guess';
import type { ModerationCategory, Severity } from './moderation-category';

export type ListedCategory = Exclude<ModerationCategory, 'personal-data'>;

export type TermList = {
  category: ListedCategory;
  language: ListLanguage;
} & Readonly<Record<Severity, readonly string[]>>;

/**
 * Phrases in which a listed word is harmless ("kill time", "à tue-tête", "ginger beer"). A
 * finding that shares a word with a safe phrase found in the text is dropped.
 */
export interface SafePhraseList {
  language: ListLanguage;
  phrases: readonly string[];
}
