/**
 * The cipher of Lunii v3 (firmware 3.x): AES-128-CBC without padding over the first 512
 * bytes of a file, each file starting a fresh chain from the same IV. A file shorter than
 * 512 bytes whose length is not a multiple of 16 is zero-padded first, so it grows on the
 * device (a 12-byte `ri` becomes 16 bytes). Sources: STUdio `AESCBCCipher`, Lunii.QT
 * `aes_cipher` (research/devices.md §1.3).
 *
 * Keys and IVs here are the bytes AES uses. Lunii keeps them with each 32-bit word's bytes
 * reversed (in `.md` and key files); `swapWords32` converts between the two.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

import { LUNII_CIPHERED_BYTES } from './lunii-xxtea';

const BLOCK = 16;

/** Reverses the bytes of each 32-bit word (Lunii.QT `reverse_bytes`, STUdio `reverseEndianness`). */
export function swapWords32(bytes: Uint8Array): Uint8Array {
  if (bytes.length % 4 !== 0)
    throw new RangeError(`swapWords32 needs whole words, got ${bytes.length} bytes.`);
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 4) {
    out[i] = bytes[i + 3]!;
    out[i + 1] = bytes[i + 2]!;
    out[i + 2] = bytes[i + 1]!;
    out[i + 3] = bytes[i]!;
  }
  return out;
}

/** Ciphers the head of a file; returns a new array, longer than `data` when it had to be padded. */
export function aesEncryptLunii(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  const head = Math.min(LUNII_CIPHERED_BYTES, data.length);
  const padded = Math.ceil(head / BLOCK) * BLOCK;
  const out = new Uint8Array(data.length + (padded - head));
  out.set(data);
  if (padded === 0) return out;
  const cipher = createCipheriv('aes-128-cbc', checked(key, 'key'), checked(iv, 'IV')).setAutoPadding(false);
  out.set(Buffer.concat([cipher.update(out.subarray(0, padded)), cipher.final()]), 0);
  return out;
}

/**
 * Deciphers the head of a file. The zero padding added on encryption cannot be told from data,
 * so it stays: index readers know their entry counts, and MP3/BMP readers stop at their end.
 */
export function aesDecryptLunii(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  // Why the constructor: it copies in one block, where Uint8Array.from walks a Buffer byte by byte.
  const out = new Uint8Array(data);
  const head = Math.floor(Math.min(LUNII_CIPHERED_BYTES, data.length) / BLOCK) * BLOCK;
  if (head === 0) return out;
  const decipher = createDecipheriv('aes-128-cbc', checked(key, 'key'), checked(iv, 'IV')).setAutoPadding(
    false,
  );
  out.set(Buffer.concat([decipher.update(out.subarray(0, head)), decipher.final()]), 0);
  return out;
}

function checked(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length !== BLOCK) throw new RangeError(`An AES-128 ${what} is 16 bytes, got ${bytes.length}.`);
  return bytes;
}
