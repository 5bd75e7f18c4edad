import { describe, expect, it } from 'vitest';

import { RRF_K, fuseRanks } from './reciprocal-rank-fusion';

describe('fuseRanks', () => {
  it('should sum 1 / (k + rank) over the lists, so agreement beats one list’s top', () => {
    const fused = fuseRanks([
      ['a', 'b', 'c'],
      ['b', 'd'],
    ]);
    expect(fused.map((hit) => hit.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(fused[0]!.score).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1));
    expect(fused[1]!.score).toBeCloseTo(1 / (RRF_K + 1));
  });

  it('should keep the first list’s order on ties, and handle empty lists', () => {
    expect(fuseRanks([['a'], ['b']]).map((hit) => hit.id)).toEqual(['a', 'b']);
    expect(fuseRanks([[], []])).toEqual([]);
  });
});
