/**
 * XXTEA as the Lunii firmware uses it: little-endian 32-bit words, the standard mixing
 * function, but only `1 + floor(52 / n)` rounds instead of `6 + 52 / n` (STUdio
 * `XXTEACipher.btea`, Lunii.QT `lunii_tea_rounds`; research/devices.md §1.3). A 512-byte block
 * therefore gets a single round: this is obfuscation the box expects, not protection.
 *
 * Only the first 512 bytes of a file are ciphered; the rest stays plain.
 */

const DELTA = 0x9e3779b9;
/** The firmware ciphers at most this many leading bytes of a file. */
export const LUNII_CIPHERED_BYTES = 512;

/**
 * The generic key every Lunii v1/v2 shares (public in Lunii.QT `constants.py` `raw_key_generic`
 * and STUdio `XXTEACipher.COMMON_KEY`), as the bytes of its little-endian words.
 */
export const LUNII_GENERIC_KEY = Uint8Array.from([
  0x0a, 0x7a, 0xbd, 0x91, 0xa9, 0x40, 0x54, 0xa7, 0x6c, 0x9d, 0xd4, 0xbb, 0xe3, 0xc0, 0xdc, 0xe0,
]);

export function luniiTeaRounds(words: number): number {
  return 1 + Math.floor(52 / words);
}

/**
 * Ciphers `min(512, length)` leading bytes, rounded down to whole words, into a new array.
 * Fewer than two words are left as they are: XXTEA needs n ≥ 2 (why Lunii.QT pads `li` to 8 bytes).
 */
export function xxteaEncryptLunii(data: Uint8Array, key: Uint8Array): Uint8Array {
  return transformHead(data, key, encryptWords);
}

export function xxteaDecryptLunii(data: Uint8Array, key: Uint8Array): Uint8Array {
  return transformHead(data, key, decryptWords);
}

type WordTransform = (v: Uint32Array, k: Uint32Array) => void;

function transformHead(data: Uint8Array, key: Uint8Array, transform: WordTransform): Uint8Array {
  // Why the constructor: it copies in one block, where Uint8Array.from walks a Buffer byte by byte.
  const out = new Uint8Array(data);
  const n = Math.floor(Math.min(LUNII_CIPHERED_BYTES, data.length) / 4);
  if (n < 2) return out;
  const view = new DataView(out.buffer, out.byteOffset, n * 4);
  const v = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) v[i] = view.getUint32(i * 4, true);
  transform(v, keyWords(key));
  for (let i = 0; i < n; i += 1) view.setUint32(i * 4, v[i]!, true);
  return out;
}

function keyWords(key: Uint8Array): Uint32Array {
  if (key.length !== 16) throw new RangeError(`An XXTEA key is 16 bytes, got ${key.length}.`);
  const view = new DataView(key.buffer, key.byteOffset, 16);
  return Uint32Array.from({ length: 4 }, (_, i) => view.getUint32(i * 4, true));
}

function mx(sum: number, y: number, z: number, p: number, e: number, k: Uint32Array): number {
  return ((((z >>> 5) ^ (y << 2)) + ((y >>> 3) ^ (z << 4))) ^ ((sum ^ y) + (k[(p & 3) ^ e]! ^ z))) >>> 0;
}

function encryptWords(v: Uint32Array, k: Uint32Array): void {
  const n = v.length;
  let rounds = luniiTeaRounds(n);
  let sum = 0;
  let z = v[n - 1]!;
  while (rounds-- > 0) {
    sum = (sum + DELTA) >>> 0;
    const e = (sum >>> 2) & 3;
    for (let p = 0; p < n; p += 1) {
      const y = v[(p + 1) % n]!;
      z = v[p] = (v[p]! + mx(sum, y, z, p, e, k)) >>> 0;
    }
  }
}

function decryptWords(v: Uint32Array, k: Uint32Array): void {
  const n = v.length;
  let rounds = luniiTeaRounds(n);
  let sum = Math.imul(rounds, DELTA) >>> 0;
  let y = v[0]!;
  while (rounds-- > 0) {
    const e = (sum >>> 2) & 3;
    for (let p = n - 1; p >= 0; p -= 1) {
      const z = v[(p + n - 1) % n]!;
      y = v[p] = (v[p]! - mx(sum, y, z, p, e, k)) >>> 0;
    }
    sum = (sum - DELTA) >>> 0;
  }
}
