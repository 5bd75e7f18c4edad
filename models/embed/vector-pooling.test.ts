import { describe, expect, it } from 'vitest';

import { meanPoolNormalised } from './vector-pooling';

describe('meanPoolNormalised', () => {
  it('averages and scales back to unit length', () => {
    const pooled = meanPoolNormalised([Float32Array.of(1, 0), Float32Array.of(0, 1)], 2);
    expect(pooled[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(pooled[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('gives the zero vector for no vectors or vectors that cancel out', () => {
    expect([...meanPoolNormalised([], 3)]).toEqual([0, 0, 0]);
    expect([...meanPoolNormalised([Float32Array.of(1, 0), Float32Array.of(-1, 0)], 2)]).toEqual([0, 0]);
  });

  it('refuses a vector of the wrong length', () => {
    expect(() => meanPoolNormalised([Float32Array.of(1, 0, 0)], 2)).toThrow(RangeError);
  });
});
