/**
 * The 32-bit hashes behind the hashed embedder's features: FNV-1a over UTF-16 code units,
 * finished with murmur3's avalanche step so that every output bit (the sign bit and the
 * bucket bits alike) depends on every input bit. Each feature family hashes from its own
 * seed, so the word "pip" and the character n-gram "pip" are different features.
 */

export const FNV_OFFSET_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** murmur3's 32-bit finaliser. */
export function finalMix(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** FNV-1a of a whole string from a family's seed, finished. */
export function hashString(text: string, seed: number): number {
  let h = (FNV_OFFSET_BASIS ^ seed) | 0;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return finalMix(h);
}

/** An ordered pair of hashes as one (for word bigrams): `combine(a, b) !== combine(b, a)`. */
export function combineHashes(first: number, second: number, seed: number): number {
  return finalMix(Math.imul(first ^ seed, 0x9e3779b1) ^ second);
}
