import { describe, expect, it } from 'vitest';

import { AGE_RANGES } from './age-range';
import type { AgeRange } from './age-range';
import { AGE_POLICY, isFlaggedAtAge } from './age-policy';
import { MODERATION_CATEGORIES } from './moderation-category';

describe('isFlaggedAtAge', () => {
  it('should flag severe content of every category at every age', () => {
    for (const category of MODERATION_CATEGORIES)
      for (const age of AGE_RANGES) expect(isFlaggedAtAge(category, 'severe', age)).toBe(true);
  });

  it('should flag hate, self-harm and personal data whatever their severity, at every age', () => {
    for (const category of ['hate', 'self-harm', 'personal-data'] as const)
      for (const age of AGE_RANGES) expect(isFlaggedAtAge(category, 'mild', age)).toBe(true);
  });

  it('should allow mild violence and scary content from 7-9, and moderate from 10-12', () => {
    for (const category of ['violence', 'scary'] as const) {
      expect(isFlaggedAtAge(category, 'mild', '4-6')).toBe(true);
      expect(isFlaggedAtAge(category, 'mild', '7-9')).toBe(false);
      expect(isFlaggedAtAge(category, 'moderate', '7-9')).toBe(true);
      expect(isFlaggedAtAge(category, 'moderate', '10-12')).toBe(false);
    }
  });

  it('should never loosen as the child gets younger', () => {
    for (const category of MODERATION_CATEGORIES) {
      for (const severity of ['mild', 'moderate', 'severe'] as const) {
        const flagged = AGE_RANGES.map((age) => isFlaggedAtAge(category, severity, age));
        expect(flagged).toEqual([...flagged].sort((a, b) => Number(b) - Number(a)));
      }
    }
    expect(Object.keys(AGE_POLICY).sort()).toEqual([...MODERATION_CATEGORIES].sort());
  });

  it('should treat an unknown age range as the youngest', () => {
    expect(isFlaggedAtAge('violence', 'mild', '13-99' as AgeRange)).toBe(true);
  });
});
