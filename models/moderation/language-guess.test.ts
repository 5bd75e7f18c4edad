import { describe, expect, it } from 'vitest';

import { languageChoiceFor, paragraphLanguages } from './language-guess';
import { wordTokens } from './word-tokens';

const words = (text: string): string[] => wordTokens(text).words;

describe('languageChoiceFor', () => {
  it("should use the caller's language, primary subtag only", () => {
    expect(languageChoiceFor('fr', [])).toEqual({ fixed: ['fr'] });
    expect(languageChoiceFor('en-GB', [])).toEqual({ fixed: ['en'] });
    expect(languageChoiceFor('FR_ca', [])).toEqual({ fixed: ['fr'] });
  });

  it('should use both lists for another language', () => {
    expect(languageChoiceFor('de', words('Der Wolf und die Großmutter'))).toEqual({ fixed: ['fr', 'en'] });
  });

  it('should guess from the common short words when no language is given', () => {
    expect(languageChoiceFor(undefined, words('Il était en retard.'))).toEqual({ guessed: ['fr'] });
    expect(languageChoiceFor(undefined, words('The wolf was late for the party.'))).toEqual({
      guessed: ['en'],
    });
  });

  it('should use both lists when the text does not say', () => {
    expect(languageChoiceFor(undefined, words('Pirates!'))).toEqual({ guessed: ['fr', 'en'] });
    expect(languageChoiceFor('', words(''))).toEqual({ guessed: ['fr', 'en'] });
  });
});

describe('paragraphLanguages', () => {
  it('should read each paragraph of a bilingual story in its own language', () => {
    const story = languageChoiceFor(undefined, words('Il était une fois. Once upon a time.'));
    expect(paragraphLanguages(story, words('Le train était en retard.'))).toEqual(['fr']);
    expect(paragraphLanguages(story, words('The train was late.'))).toEqual(['en']);
  });

  it("should fall back on the whole text's guess for a paragraph too short to tell", () => {
    expect(paragraphLanguages({ guessed: ['fr'] }, words('Retard !'))).toEqual(['fr']);
    expect(paragraphLanguages({ fixed: ['en'] }, words('Le train était en retard.'))).toEqual(['en']);
  });
});
