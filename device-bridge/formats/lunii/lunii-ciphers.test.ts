import { describe, expect, it } from 'vitest';

import { aesDecryptLunii, aesEncryptLunii, swapWords32 } from './lunii-aes';
import { computeBt, btMatches } from './lunii-bt';
import { parseLuniiMetadata } from './lunii-metadata';
import { hex, referenceVectors, toHex } from './reference-fixtures';
import { LUNII_GENERIC_KEY, luniiTeaRounds, xxteaDecryptLunii, xxteaEncryptLunii } from './lunii-xxtea';

const vectors = referenceVectors();
const byAlgorithm = (algorithm: string) => vectors.filter((vector) => vector.algorithm === algorithm);

describe('XXTEA, against STUdio and Lunii.QT', () => {
  const xxtea = byAlgorithm('xxtea-lunii');

  it('has vectors to check against', () => {
    expect(xxtea.length).toBeGreaterThanOrEqual(5);
  });

  it.each(xxtea.map((vector) => [vector.name, vector] as const))(
    '%s: ciphers and deciphers like the references',
    (_, vector) => {
      expect(toHex(hex(vector.keyHexLE))).toBe(toHex(LUNII_GENERIC_KEY));
      const plain = hex(vector.plainHex);
      const ciphered = xxteaEncryptLunii(plain, LUNII_GENERIC_KEY);
      expect(toHex(ciphered)).toBe(vector.cipherHex);
      expect(toHex(xxteaDecryptLunii(ciphered, LUNII_GENERIC_KEY))).toBe(toHex(plain));
      expect(luniiTeaRounds(Number(vector.cipheredBytes) / 4)).toBe(Number(vector.rounds));
    },
  );

  it('leaves bytes past 512, a trailing partial word and a one-word file plain', () => {
    const data = Uint8Array.from({ length: 603 }, (_, i) => (i * 7) & 0xff);
    const ciphered = xxteaEncryptLunii(data, LUNII_GENERIC_KEY);
    expect(toHex(ciphered.subarray(512))).toBe(toHex(data.subarray(512)));
    expect(toHex(ciphered.subarray(0, 512))).not.toBe(toHex(data.subarray(0, 512)));
    const odd = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(toHex(xxteaEncryptLunii(odd, LUNII_GENERIC_KEY).subarray(8))).toBe('090a');
    expect(toHex(xxteaEncryptLunii(Uint8Array.from([1, 2, 3, 4]), LUNII_GENERIC_KEY))).toBe('01020304');
    expect(xxteaEncryptLunii(new Uint8Array(0), LUNII_GENERIC_KEY)).toHaveLength(0);
  });

  it('does not change its input array', () => {
    const data = Uint8Array.from({ length: 32 }, (_, i) => i);
    xxteaEncryptLunii(data, LUNII_GENERIC_KEY);
    expect(data[5]).toBe(5);
  });
});

describe('AES-128-CBC (v3), against STUdio and Lunii.QT', () => {
  const aes = byAlgorithm('aes-cbc-lunii-v3');

  it('has vectors for both md versions', () => {
    expect(aes.filter((vector) => vector.name.startsWith('aes-md6')).length).toBeGreaterThanOrEqual(5);
    expect(aes.filter((vector) => vector.name.startsWith('aes-md7')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(aes.map((vector) => [vector.name, vector] as const))(
    '%s: ciphers like the references and grows to whole blocks',
    (_, vector) => {
      const plain = hex(vector.plainHex);
      const ciphered = aesEncryptLunii(plain, hex(vector.keyHex), hex(vector.ivHex));
      expect(toHex(ciphered)).toBe(vector.cipherHex);
      expect(ciphered.length).toBe(Number(vector.cipherLength));
      const back = aesDecryptLunii(ciphered, hex(vector.keyHex), hex(vector.ivHex));
      expect(toHex(back.subarray(0, plain.length))).toBe(toHex(plain));
      expect(back.subarray(plain.length).every((byte) => byte === 0)).toBe(true);
    },
  );

  it('swaps the bytes of each word, and back', () => {
    expect(toHex(swapWords32(hex('0102030405060708')))).toBe('0403020108070605');
    const key = hex('a54dca182530bb1d6d132cded6237b2e');
    expect(toHex(swapWords32(swapWords32(key)))).toBe(toHex(key));
  });
});

describe('keys from .md, against the references', () => {
  it('takes the v2 device key from md v3 like Lunii.QT and STUdio', () => {
    const [vector] = byAlgorithm('v2-device-key');
    const metadata = parseLuniiMetadata(hex(vector!.mdHex));
    expect(metadata.keys.kind).toBe('v2');
    if (metadata.keys.kind !== 'v2') return;
    expect(toHex(metadata.keys.deviceKey)).toBe(vector!.deviceKeyHexLE);
    expect(metadata.firmware).toBe(vector!.firmware);
    expect(metadata.serial).toBe(vector!.serialStudio);
  });

  it.each([['v3-keys-md6'], ['v3-keys-md7']])('derives the story key, IV and bt of %s', (algorithm) => {
    const [vector] = byAlgorithm(algorithm);
    const metadata = parseLuniiMetadata(hex(vector!.mdHex));
    expect(metadata).toMatchObject({
      family: 'v3',
      mdVersion: Number(vector!.mdVersion),
      firmware: vector!.firmware,
      serial: vector!.snu,
    });
    if (metadata.keys.kind !== 'v3') throw new Error('expected v3 keys');
    expect(toHex(metadata.keys.storyKey)).toBe(vector!.keyHex);
    expect(toHex(metadata.keys.storyIv)).toBe(vector!.ivHex);
    expect(toHex(metadata.keys.bt)).toBe(vector!.btHex);
  });

  it.each(byAlgorithm('v2-bt').map((vector) => [vector.name, vector] as const))(
    '%s: bt is XXTEA(device key) of the ciphered ri',
    (_, vector) => {
      const keys = { kind: 'v2' as const, deviceKey: hex(vector.deviceKeyHexLE) };
      const ri = hex(vector.riPlainHex);
      const cipheredRi = xxteaEncryptLunii(ri, LUNII_GENERIC_KEY);
      expect(toHex(cipheredRi)).toBe(vector.riCipheredHex);
      const bt = computeBt(cipheredRi, keys);
      expect(toHex(bt)).toBe(vector.btHex);
      expect(btMatches(bt, cipheredRi, keys)).toBe(true);
      const other = { kind: 'v2' as const, deviceKey: hex('00112233445566778899aabbccddeeff') };
      expect(btMatches(bt, cipheredRi, other)).toBe(false);
    },
  );
});
