import { describe, expect, it } from 'vitest';

import { STOP_WORDS } from './stop-words';
import { foldText } from './text-folding';

describe('STOP_WORDS', () => {
  it('holds French and English function words, folded', () => {
    for (const word of ['the', 'and', 'of', 'was', 'le', 'la', 'les', 'et', 'qu', 'etait', 'tres']) {
      expect(STOP_WORDS.has(word)).toBe(true);
    }
    for (const word of STOP_WORDS) expect(foldText(word)).toBe(word);
  });

  it('leaves story words out', () => {
    for (const word of ['dragon', 'loup', 'moon', 'lune', 'school', 'ecole', 'shy', 'timide']) {
      expect(STOP_WORDS.has(word)).toBe(false);
    }
  });
});
