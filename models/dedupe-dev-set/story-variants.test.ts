import { describe, expect, it } from 'vitest';

import {
  excerptStory,
  renameCharacters,
  reorderStory,
  splitParagraphs,
  splitSentences,
  trimStory,
} from './story-variants';

const STORY = 'One. Two! Three?\n\nFour. « Five ! » said Pip. Six.\n\n"Seven," said Dot. Eight. Nine.';

function sentencesOf(text: string): string[] {
  return splitParagraphs(text).flatMap((paragraph) => splitSentences(paragraph));
}

describe('story variants', () => {
  it('splits sentences without cutting quoted speech from its speaker', () => {
    expect(sentencesOf(STORY)).toEqual([
      'One.',
      'Two!',
      'Three?',
      'Four.',
      '« Five ! » said Pip.',
      'Six.',
      '"Seven," said Dot.',
      'Eight.',
      'Nine.',
    ]);
  });

  it('renames whole words only, and refuses a name that is not there', () => {
    expect(renameCharacters("Pip and Pip's pipe, Pippa", [['Pip', 'Bo']])).toBe("Bo and Bo's pipe, Pippa");
    expect(renameCharacters('Zoé et Zoéline', [['Zoé', 'Manon']])).toBe('Manon et Zoéline');
    expect(() => renameCharacters('Pip', [['Dot', 'Fern']])).toThrow('"Dot" does not occur');
  });

  it('reorders deterministically, keeping every sentence', () => {
    const reordered = reorderStory(STORY, 'seed');
    expect(reorderStory(STORY, 'seed')).toBe(reordered);
    expect(reordered).not.toBe(STORY);
    expect(sentencesOf(reordered).sort()).toEqual(sentencesOf(STORY).sort());
  });

  it('trims every third sentence', () => {
    expect(sentencesOf(trimStory(STORY))).toEqual([
      'One.',
      'Two!',
      'Four.',
      '« Five ! » said Pip.',
      '"Seven," said Dot.',
      'Eight.',
    ]);
  });

  it('excerpts half the sentences in one run from a quarter in', () => {
    expect(excerptStory(STORY)).toBe('Three? Four. « Five ! » said Pip. Six. "Seven," said Dot.');
  });
});
