import { describe, expect, it } from 'vitest';

import { MODERATION_CATEGORIES, SEVERITIES } from '../moderation-category';
import { expandTermPattern } from '../term-pattern';
import { SAFE_PHRASE_LISTS, TERM_LISTS } from './term-lists';

const LANGUAGES = ['fr', 'en'] as const;

/** Every single-word form a list entry can match, for checks across entries. */
function singleWords(patterns: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const pattern of patterns)
    for (const variant of expandTermPattern(pattern))
      if (variant.length === 1) for (const form of variant[0]!) words.add(form);
  return words;
}

describe('the term lists', () => {
  it('should compile, every entry folded and well formed', () => {
    for (const language of LANGUAGES) {
      for (const list of TERM_LISTS[language])
        for (const severity of SEVERITIES)
          for (const pattern of list[severity]) expect(() => expandTermPattern(pattern)).not.toThrow();
      for (const pattern of SAFE_PHRASE_LISTS[language].phrases)
        expect(() => expandTermPattern(pattern)).not.toThrow();
    }
  });

  it('should cover every listed category in French and in English, in that language', () => {
    for (const language of LANGUAGES) {
      const categories = TERM_LISTS[language].map((list) => list.category).sort();
      expect(categories).toEqual(
        MODERATION_CATEGORIES.filter((category) => category !== 'personal-data').sort(),
      );
      for (const list of TERM_LISTS[language]) {
        expect(list.language).toBe(language);
        expect(list.mild.length + list.moderate.length + list.severe.length).toBeGreaterThan(0);
      }
    }
  });

  it('should give each word one severity within a category', () => {
    for (const language of LANGUAGES) {
      for (const list of TERM_LISTS[language]) {
        const [mild, moderate, severe] = SEVERITIES.map((severity) => singleWords(list[severity]));
        for (const word of mild!)
          expect(moderate!.has(word) || severe!.has(word), `${language} ${word}`).toBe(false);
        for (const word of moderate!) expect(severe!.has(word), `${language} ${word}`).toBe(false);
      }
    }
  });

  it('should never make a listed word harmless by itself through a one-word safe phrase', () => {
    for (const language of LANGUAGES) {
      for (const pattern of safePhrasesOf(language)) expect(pattern.includes(' '), pattern).toBe(true);
    }
  });
});

function safePhrasesOf(language: (typeof LANGUAGES)[number]): readonly string[] {
  return SAFE_PHRASE_LISTS[language].phrases;
}
