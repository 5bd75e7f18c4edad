/**
 * Loads the reference data other tools produced (fixtures/): cipher vectors computed by
 * running STUdio's Java and Lunii.QT's Python, and the pack folders Lunii.QT wrote for one
 * STUdio zip on three fake boxes. Test-only; the files' own `about` fields say how they were made.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ReferenceVector {
  name: string;
  algorithm: 'xxtea-lunii' | 'aes-cbc-lunii-v3' | 'v2-device-key' | 'v2-bt' | 'v3-keys-md6' | 'v3-keys-md7';
  [field: string]: unknown;
}

export interface GoldenFile {
  size: number;
  sha1: string;
  plainSha1: string;
  hex?: string;
  plainHex?: string;
}

export interface GoldenDevice {
  mdHex: string;
  piHex: string;
  packs: Record<string, Record<string, GoldenFile>>;
}

export interface GoldenPack {
  storyJson: unknown;
  devices: Record<'v2' | 'v3-md7' | 'v3-md6', GoldenDevice>;
}

const FIXTURES = join(import.meta.dirname, 'fixtures');

export function referenceVectors(): ReferenceVector[] {
  const json = JSON.parse(readFileSync(join(FIXTURES, 'reference-vectors.json'), 'utf8')) as {
    vectors: ReferenceVector[];
  };
  return json.vectors;
}

export function goldenPack(): GoldenPack {
  return JSON.parse(readFileSync(join(FIXTURES, 'luniiqt-golden-pack.json'), 'utf8')) as GoldenPack;
}

export function hex(text: unknown): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('expected a hex string in the fixture');
  return new Uint8Array(Buffer.from(text, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
