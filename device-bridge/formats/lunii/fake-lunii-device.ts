/**
 * A fake Lunii: a folder laid out like the box's disk (`.md`, an empty `.pi`, `.content/`),
 * with key material drawn from a seed so a test can make two distinct boxes or the same one
 * twice. For tests, benches and the transfer helper; the `.md` follows research/devices.md §1.2.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { buildLuniiMetadata, parseLuniiMetadata, type LuniiMetadata } from './lunii-metadata';

export interface FakeLuniiDeviceOptions {
  family: 'v2' | 'v3';
  /** v2: 1–5 (default 3); v3: 6 or 7 (default 7). */
  mdVersion?: number;
  /** 14 digits; drawn from the seed when absent. */
  serial?: string;
  /** Same seed, same box; no seed, a random one. */
  seed?: string | number;
}

export interface FakeLuniiDevice {
  /** The folder standing for the box's mount point. */
  root: string;
  mdPath: string;
  metadata: LuniiMetadata;
}

export async function makeFakeLuniiDevice(
  dir: string,
  options: FakeLuniiDeviceOptions,
): Promise<FakeLuniiDevice> {
  const draw = byteSource(options.seed);
  const serial = options.serial ?? drawSerial(draw);
  const md =
    options.family === 'v2'
      ? v2Metadata(options.mdVersion ?? 3, serial, draw)
      : v3Metadata(options.mdVersion ?? 7, serial, draw);
  await mkdir(join(dir, '.content'), { recursive: true });
  const mdPath = join(dir, '.md');
  await writeFile(mdPath, md);
  await writeFile(join(dir, '.pi'), new Uint8Array(0));
  return { root: dir, mdPath, metadata: parseLuniiMetadata(md) };
}

function v2Metadata(mdVersion: number, serial: string, draw: (n: number) => Uint8Array): Uint8Array {
  if (!Number.isInteger(mdVersion) || mdVersion < 1 || mdVersion > 5) {
    throw new RangeError(`A fake v2 Lunii has md version 1 to 5, not ${mdVersion}.`);
  }
  return buildLuniiMetadata({
    mdVersion: mdVersion as 1 | 2 | 3 | 4 | 5,
    serial,
    deviceKeyMaterial: draw(256),
  });
}

function v3Metadata(mdVersion: number, serial: string, draw: (n: number) => Uint8Array): Uint8Array {
  if (mdVersion !== 6 && mdVersion !== 7)
    throw new RangeError(`A fake v3 Lunii has md version 6 or 7, not ${mdVersion}.`);
  return buildLuniiMetadata({ mdVersion, serial, secret: draw(32) });
}

function drawSerial(draw: (n: number) => Uint8Array): string {
  return Array.from(draw(14), (byte) => String(byte % 10)).join('');
}

/** A stream of bytes: SHA-256 in counter mode over the seed, or the system's random source. */
function byteSource(seed: string | number | undefined): (n: number) => Uint8Array {
  if (seed === undefined) return (n) => new Uint8Array(randomBytes(n));
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let at = 0; at < n; at += 32) {
      const block = createHash('sha256')
        .update(`talemo-fake-lunii:${String(seed)}:${counter++}`)
        .digest();
      out.set(block.subarray(0, Math.min(32, n - at)), at);
    }
    return out;
  };
}
