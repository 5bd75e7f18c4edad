import { describe, expect, it } from 'vitest';

import { wordTokens } from './word-tokens';

describe('wordTokens', () => {
  it('should fold accents and case and keep the original offsets', () => {
    const text = "L'ÉCOLE, Noël à l’œuvre";
    const tokens = wordTokens(text);
    expect(tokens.words).toEqual(['l', 'ecole', 'noel', 'a', 'l', 'oeuvre']);
    expect(tokens.words.map((_, i) => text.slice(tokens.starts[i], tokens.ends[i]))).toEqual([
      'L',
      'ÉCOLE',
      'Noël',
      'à',
      'l',
      'œuvre',
    ]);
  });

  it("should split French elision and hyphens so the noun stands alone: l'assassin, qu'il, tue-tête", () => {
    expect(wordTokens("l'assassin qu'il d’alcool à tue-tête").words).toEqual([
      'l',
      'assassin',
      'qu',
      'il',
      'd',
      'alcool',
      'a',
      'tue',
      'tete',
    ]);
  });

  it('should fold decomposed accents like precomposed ones', () => {
    expect(wordTokens('tue\u0301e').words).toEqual(wordTokens('tuée').words);
  });

  it('should find nothing in empty text or punctuation, and cut endless runs of letters', () => {
    expect(wordTokens('').words).toEqual([]);
    expect(wordTokens('… !! \u0000 --').words).toEqual([]);
    expect(wordTokens('x'.repeat(200)).words.every((word) => word.length <= 64)).toBe(true);
  });
});
