import { describe, expect, it } from 'vitest';

import { cosineAtScore, DEFAULT_DUPLICATE_THRESHOLD, duplicateScore } from './duplicate-score';

describe('duplicateScore', () => {
  it("should put an embedder's boundary cosine at the default threshold, keeping 0, 1 and the order", () => {
    expect(duplicateScore(0.42, 0.42)).toBeCloseTo(DEFAULT_DUPLICATE_THRESHOLD);
    expect(duplicateScore(1, 0.42)).toBe(1);
    expect(duplicateScore(0, 0.42)).toBe(0);
    expect(duplicateScore(-0.3, 0.42)).toBe(0);
    const cosines = [0.1, 0.3, 0.41, 0.43, 0.6, 0.99];
    const scores = cosines.map((cosine) => duplicateScore(cosine, 0.42));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(scores[2]).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLD);
    expect(scores[3]).toBeGreaterThan(DEFAULT_DUPLICATE_THRESHOLD);
  });

  it('should give the plain cosine back for an embedder whose boundary is the default threshold', () => {
    for (const cosine of [0.2, 0.85, 0.9]) expect(duplicateScore(cosine, 0.85)).toBeCloseTo(cosine);
  });

  it('should invert: the cosine at a score scores that score', () => {
    for (const boundary of [0.3, 0.42, 0.7])
      for (const score of [0.1, 0.5, 0.85, 0.9, 0.97])
        expect(duplicateScore(cosineAtScore(score, boundary), boundary)).toBeCloseTo(score);
  });

  it('should refuse a boundary outside (0, 1)', () => {
    expect(() => duplicateScore(0.5, 1)).toThrow(/duplicate cosine/);
    expect(() => cosineAtScore(0.5, 0)).toThrow(/duplicate cosine/);
  });
});
