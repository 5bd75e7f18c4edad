/**
 * Ciphers and deciphers the first block of a pack file (`li`, `ri`, `si`, `rf/*`, `sf/*`) for
 * one box: generic-key XXTEA on v2, story-key AES on v3 (research/devices.md §1.3). `ni`,
 * `nm` and `bt` are never passed through here.
 */
import { aesDecryptLunii, aesEncryptLunii } from './lunii-aes';
import type { LuniiKeys } from './lunii-keys';
import { LUNII_GENERIC_KEY, xxteaDecryptLunii, xxteaEncryptLunii } from './lunii-xxtea';

export function cipherPackFile(plain: Uint8Array, keys: LuniiKeys): Uint8Array {
  return keys.kind === 'v2'
    ? xxteaEncryptLunii(plain, LUNII_GENERIC_KEY)
    : aesEncryptLunii(plain, keys.storyKey, keys.storyIv);
}

/** The plain bytes; on v3 a file that was padded keeps its zero padding (see lunii-aes.ts). */
export function decipherPackFile(ciphered: Uint8Array, keys: LuniiKeys): Uint8Array {
  return keys.kind === 'v2'
    ? xxteaDecryptLunii(ciphered, LUNII_GENERIC_KEY)
    : aesDecryptLunii(ciphered, keys.storyKey, keys.storyIv);
}
