import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { makeFakeLuniiDevice } from './fake-lunii-device';
import { LuniiFormatError } from './lunii-format-error';
import { buildLuniiMetadata, LUNII_USB, parseLuniiMetadata } from './lunii-metadata';
import { goldenPack, hex, toHex } from './reference-fixtures';

const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'talemo-lunii-md-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function refusal(bytes: Uint8Array): LuniiFormatError {
  try {
    parseLuniiMetadata(bytes);
  } catch (error) {
    if (error instanceof LuniiFormatError) return error;
    throw error;
  }
  throw new Error('expected the .md to be refused');
}

describe('parseLuniiMetadata', () => {
  it('reads the three boxes Lunii.QT was run against', () => {
    const { devices } = goldenPack();
    expect(parseLuniiMetadata(hex(devices.v2.mdHex))).toMatchObject({
      mdVersion: 3,
      family: 'v2',
      firmware: '2.22',
      usbVendorId: 0x0483,
      usbProductId: 0xa341,
    });
    expect(parseLuniiMetadata(hex(devices['v3-md7'].mdHex))).toMatchObject({
      mdVersion: 7,
      family: 'v3',
      firmware: '3.2.2',
    });
    expect(parseLuniiMetadata(hex(devices['v3-md6'].mdHex))).toMatchObject({
      mdVersion: 6,
      family: 'v3',
      firmware: '3.1.3',
    });
  });

  it('reads back what buildLuniiMetadata writes, for every supported version', () => {
    const material = Uint8Array.from({ length: 256 }, (_, i) => (i * 13 + 7) & 0xff);
    for (const mdVersion of [1, 2, 3, 4, 5] as const) {
      const md = buildLuniiMetadata({ mdVersion, serial: '23023030012345', deviceKeyMaterial: material });
      expect(md).toHaveLength(512);
      const parsed = parseLuniiMetadata(md);
      expect(parsed).toMatchObject({ mdVersion, family: 'v2', serial: '23023030012345', firmware: '2.22' });
      if (parsed.keys.kind !== 'v2') throw new Error('expected v2 keys');
      // Lunii.QT's device key: plain[8:16] then plain[0:8].
      expect(toHex(parsed.keys.deviceKey)).toBe(
        toHex(material.subarray(8, 16)) + toHex(material.subarray(0, 8)),
      );
    }
    for (const mdVersion of [6, 7] as const) {
      for (const size of [112, 128] as const) {
        const secret = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
        const parsed = parseLuniiMetadata(
          buildLuniiMetadata({ mdVersion, serial: '23023030012345', secret, size }),
        );
        expect(parsed).toMatchObject({ mdVersion, family: 'v3', serial: '23023030012345' });
        if (parsed.keys.kind !== 'v3') throw new Error('expected v3 keys');
        expect(parsed.keys.bt).toHaveLength(32);
        if (mdVersion === 6) expect(toHex(parsed.keys.bt)).toBe(toHex(secret));
      }
    }
  });

  it('calls a first Lunii on firmware 2.x a v1 that ciphers like a v2', () => {
    const md = buildLuniiMetadata({
      mdVersion: 2,
      serial: '42',
      deviceKeyMaterial: new Uint8Array(256),
      ...{ usbVendorId: LUNII_USB.v1Fw2.vendorId, usbProductId: LUNII_USB.v1Fw2.productId },
    });
    expect(parseLuniiMetadata(md)).toMatchObject({
      family: 'v1',
      serial: '00000000000042',
      keys: { kind: 'v2' },
    });
  });

  it.each([
    ['version 8', () => withVersion(buildV3(128), 8), /version 8/],
    ['version 0', () => withVersion(buildV3(128), 0), /version 0/],
    ['md v3 of the wrong size', () => buildV2().subarray(0, 500), /500 bytes instead of 512/],
    ['md v7 of the wrong size', () => buildV3(128).subarray(0, 100), /100 bytes instead of 112 or 128/],
    ['an empty file', () => new Uint8Array(0), /0 byte/],
    [
      'a v1 box on raw-USB firmware',
      () =>
        buildLuniiMetadata({
          mdVersion: 1,
          serial: '1',
          deviceKeyMaterial: new Uint8Array(256),
          usbVendorId: LUNII_USB.v1RawUsb.vendorId,
          usbProductId: LUNII_USB.v1RawUsb.productId,
        }),
      /raw USB/,
    ],
    ['a v3 serial that is not hex', () => withSerial(buildV3(112), 'not-a-serial!!'), /serial/],
  ])('refuses %s with a clear unsupported-metadata error', (_, make, message) => {
    const error = refusal(make());
    expect(error.code).toBe('unsupported-metadata');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/\.md/);
  });
});

describe('makeFakeLuniiDevice', () => {
  it('lays out a box: .md, an empty .pi and .content/', async () => {
    const root = await tempDir();
    const device = await makeFakeLuniiDevice(root, { family: 'v2', seed: 1 });
    expect((await readdir(root)).sort()).toEqual(['.content', '.md', '.pi']);
    expect((await stat(join(root, '.pi'))).size).toBe(0);
    expect(parseLuniiMetadata(await readFile(device.mdPath))).toEqual(device.metadata);
    expect(device.metadata).toMatchObject({ family: 'v2', mdVersion: 3 });
  });

  it('gives the same box for the same seed and another for another seed', async () => {
    const a = await makeFakeLuniiDevice(await tempDir(), { family: 'v3', seed: 'a' });
    const again = await makeFakeLuniiDevice(await tempDir(), { family: 'v3', seed: 'a' });
    const b = await makeFakeLuniiDevice(await tempDir(), { family: 'v3', seed: 'b' });
    expect(again.metadata).toEqual(a.metadata);
    expect(b.metadata.serial).not.toBe(a.metadata.serial);
    expect(a.metadata).toMatchObject({ mdVersion: 7, family: 'v3' });
    const six = await makeFakeLuniiDevice(await tempDir(), {
      family: 'v3',
      mdVersion: 6,
      serial: '12345678901234',
    });
    expect(six.metadata).toMatchObject({ mdVersion: 6, serial: '12345678901234' });
  });

  it('refuses an md version that does not belong to the family', async () => {
    await expect(makeFakeLuniiDevice(await tempDir(), { family: 'v2', mdVersion: 7 })).rejects.toThrow(
      /1 to 5/,
    );
    await expect(makeFakeLuniiDevice(await tempDir(), { family: 'v3', mdVersion: 3 })).rejects.toThrow(
      /6 or 7/,
    );
  });
});

function buildV2(): Uint8Array {
  return buildLuniiMetadata({ mdVersion: 3, serial: '1', deviceKeyMaterial: new Uint8Array(256) });
}

function buildV3(size: 112 | 128): Uint8Array {
  return buildLuniiMetadata({ mdVersion: 7, serial: '23023030012345', secret: new Uint8Array(32), size });
}

function withVersion(md: Uint8Array, version: number): Uint8Array {
  const copy = Uint8Array.from(md);
  new DataView(copy.buffer).setUint16(0, version, true);
  return copy;
}

function withSerial(md: Uint8Array, serial: string): Uint8Array {
  const copy = Uint8Array.from(md);
  copy.set(Buffer.from(serial, 'ascii'), 0x1a);
  return copy;
}
