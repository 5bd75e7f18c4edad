import { describe, expect, it } from 'vitest';

import { expandTermPattern } from './term-pattern';

const forms = (pattern: string): string[][][] =>
  expandTermPattern(pattern).map((variant) => variant.map((word) => [...word].sort()));

describe('expandTermPattern', () => {
  it('should spell out a stem with exactly the suffixes of its rule, never a prefix match', () => {
    expect(forms('kill~v')).toEqual([[['kill', 'killed', 'killing', 'kills']]]);
    const tuer = forms('tu~er')[0]![0]!;
    expect(tuer).toContain('tue');
    expect(tuer).toContain('tuaient');
    expect(tuer).not.toContain('tuerie');
    expect(tuer).not.toContain('tu');
  });

  it('should read alternatives and optional words as every reading of the phrase', () => {
    expect(forms('beat|beats [him|her] up')).toEqual([
      [['beat', 'beats'], ['up']],
      [['beat', 'beats'], ['her', 'him'], ['up']],
    ]);
  });

  it('should refuse malformed patterns so a bad list entry fails the tests, not a parent', () => {
    expect(() => expandTermPattern('[optional] first')).toThrow(/optional/);
    expect(() => expandTermPattern('kill~nope')).toThrow(/unknown rule/);
    expect(() => expandTermPattern('tuée')).toThrow(/not a folded word/);
    expect(() => expandTermPattern("l'assassin")).toThrow(/not a folded word/);
    expect(() => expandTermPattern('a [b] [c] [d] [e]')).toThrow(/optional words/);
  });
});
