import { describe, expect, it } from 'vitest';

import { cosineSimilarity } from './cosine-similarity';

describe('cosineSimilarity', () => {
  it('is 1 for the same direction, -1 for the opposite, 0 for orthogonal', () => {
    expect(cosineSimilarity(Float32Array.of(1, 2), Float32Array.of(2, 4))).toBeCloseTo(1, 6);
    expect(cosineSimilarity(Float32Array.of(1, 2), Float32Array.of(-1, -2))).toBeCloseTo(-1, 6);
    expect(cosineSimilarity(Float32Array.of(1, 0), Float32Array.of(0, 3))).toBe(0);
  });

  it('is 0, not NaN, when a vector is zero', () => {
    expect(cosineSimilarity(new Float32Array(3), Float32Array.of(1, 2, 3))).toBe(0);
    expect(cosineSimilarity(new Float32Array(3), new Float32Array(3))).toBe(0);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => cosineSimilarity(new Float32Array(2), new Float32Array(3))).toThrow(RangeError);
  });
});
