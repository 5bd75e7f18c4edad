import { describe, expect, it } from 'vitest';

import { foldText, isWordUnit, splitWords } from './text-folding';

describe('foldText', () => {
  it('folds accents and case', () => {
    expect(foldText('Éléphant ÉLÉPHANT éléphant')).toBe('elephant elephant elephant');
    expect(foldText('Noël, garçon, où, ça, naïf, hôpital')).toBe('noel, garcon, ou, ca, naif, hopital');
    expect(foldText('Straße ŒUVRE cœur Æsop')).toBe('strasse oeuvre coeur aesop');
  });

  it('folds precomposed and decomposed accents alike, and compatibility forms', () => {
    expect(foldText('e\u0301te\u0301')).toBe(foldText('\u00e9t\u00e9'));
    expect(foldText('ﬁn ＤＲＡＧＯＮ')).toBe('fin dragon');
  });

  it('leaves other scripts readable', () => {
    expect(foldText('Дракон')).toBe('дракон');
  });
});

describe('splitWords', () => {
  it('splits on spaces, punctuation, apostrophes and hyphens', () => {
    expect(splitWords(foldText("L'éléphant, au-dessus du pont ! Don't cry… 42 ans"))).toEqual([
      'l',
      'elephant',
      'au',
      'dessus',
      'du',
      'pont',
      'don',
      't',
      'cry',
      '42',
      'ans',
    ]);
  });

  it('finds nothing in punctuation and control characters', () => {
    expect(splitWords('... !!! \u0000\u0001 \ufffd «» -- ')).toEqual([]);
    expect(splitWords('')).toEqual([]);
  });

  it('keeps the marks of scripts that write them inside words', () => {
    expect(splitWords('नमस्ते दुनिया')).toEqual(['नमस्ते', 'दुनिया']);
  });
});

describe('isWordUnit', () => {
  it('knows letters, digits and separators', () => {
    expect(isWordUnit('a'.charCodeAt(0))).toBe(true);
    expect(isWordUnit('7'.charCodeAt(0))).toBe(true);
    expect(isWordUnit('ж'.charCodeAt(0))).toBe(true);
    expect(isWordUnit(' '.charCodeAt(0))).toBe(false);
    expect(isWordUnit("'".charCodeAt(0))).toBe(false);
    expect(isWordUnit(0xfffd)).toBe(false);
  });
});
