import { describe, expect, it } from 'vitest';

import { combineHashes, finalMix, hashString } from './feature-hashing';

describe('feature hashing', () => {
  it('is FNV-1a finished by the murmur3 mix', () => {
    // FNV-1a 32 of "a" from the standard basis is 0xe40c292c.
    expect(hashString('a', 0)).toBe(finalMix(0xe40c292c | 0));
  });

  it('is deterministic and depends on the seed', () => {
    expect(hashString('dragon', 1)).toBe(hashString('dragon', 1));
    expect(hashString('dragon', 1)).not.toBe(hashString('dragon', 2));
    expect(hashString('dragon', 1)).not.toBe(hashString('dragons', 1));
  });

  it('combines pairs in order', () => {
    const a = hashString('petit', 0);
    const b = hashString('dragon', 0);
    expect(combineHashes(a, b, 7)).toBe(combineHashes(a, b, 7));
    expect(combineHashes(a, b, 7)).not.toBe(combineHashes(b, a, 7));
  });

  it('spreads similar words over the sign bit and the low bits', () => {
    const hashes = Array.from({ length: 2000 }, (_, i) => hashString(`word${i}`, 0));
    const negative = hashes.filter((h) => h < 0).length;
    const odd = hashes.filter((h) => h & 1).length;
    expect(negative).toBeGreaterThan(900);
    expect(negative).toBeLessThan(1100);
    expect(odd).toBeGreaterThan(900);
    expect(odd).toBeLessThan(1100);
  });
});
