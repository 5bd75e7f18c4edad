/**
 * The box's `/.md`: which Lunii this is, its firmware and serial, and the keys its packs are
 * ciphered with (research/devices.md §1.2 ".md", §1.3). Read-only for us: a box we do not
 * fully understand is refused, never guessed at, because a wrongly keyed pack shows an error
 * screen on the child's box.
 *
 * md v1–5 (512 bytes, Lunii v1/v2): the device key is XXTEA(generic key) at 0x100.
 * md v6/v7 (112 or 128 bytes, Lunii v3): story keys come from the serial (v6) or 0x40 (v7),
 * the community workaround Lunii.QT and STUdio use.
 *
 * `buildLuniiMetadata` writes the same layouts, for fake devices in tests and benches.
 */
import { swapWords32 } from './lunii-aes';
import { LuniiFormatError } from './lunii-format-error';
import type { LuniiKeys } from './lunii-keys';
import { LUNII_GENERIC_KEY, xxteaDecryptLunii, xxteaEncryptLunii } from './lunii-xxtea';

export type LuniiFamily = 'v1' | 'v2' | 'v3';

export interface LuniiMetadata {
  mdVersion: number;
  /** v1 = first hardware on firmware 2.x; v2; v3 = firmware 3.x. All but v3 cipher alike. */
  family: LuniiFamily;
  /** "2.22" on md v1–5, "3.2.2" on md v6/v7. */
  firmware: string;
  /** The SNU printed as the box's tools print it (14 digits). */
  serial: string;
  usbVendorId?: number;
  usbProductId?: number;
  keys: LuniiKeys;
}

const MD_V2_SIZE = 512;
const MD_V3_SIZES = [112, 128];
const DEVICE_KEY_BLOCK = 0x100;
const V3_SERIAL_OFFSET = 0x1a;
const V3_SERIAL_LENGTH = 14;
const V3_SECRET_OFFSET = 0x40;
const V3_BT_LENGTH = 32;

/** USB ids written at 0x12 of md v1–5 (Lunii.QT constants.py, STUdio LibUsbDetectionHelper). */
export const LUNII_USB = {
  v1RawUsb: { vendorId: 0x0c45, productId: 0x6820 },
  v1Fw2: { vendorId: 0x0c45, productId: 0x6840 },
  v2v3: { vendorId: 0x0483, productId: 0xa341 },
} as const;

export function parseLuniiMetadata(bytes: Uint8Array): LuniiMetadata {
  if (bytes.length < 2) throw unsupported(`it holds only ${bytes.length} byte(s)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mdVersion = view.getUint16(0, true);
  if (mdVersion >= 1 && mdVersion <= 5) {
    if (bytes.length !== MD_V2_SIZE) throw wrongSize(mdVersion, bytes.length, `${MD_V2_SIZE}`);
    return parseV1to5(bytes, view, mdVersion);
  }
  if (mdVersion === 6 || mdVersion === 7) {
    if (!MD_V3_SIZES.includes(bytes.length))
      throw wrongSize(mdVersion, bytes.length, MD_V3_SIZES.join(' or '));
    return parseV6to7(bytes, mdVersion);
  }
  throw unsupported(
    `it is version ${mdVersion}, and Talemo knows versions 1 to 7. A newer firmware may have changed it; ` +
      'keep the box off Wi-Fi updates and check for a Talemo update',
  );
}

function parseV1to5(bytes: Uint8Array, view: DataView, mdVersion: number): LuniiMetadata {
  const major = view.getUint16(6, true);
  const minor = view.getUint16(8, true);
  const usbVendorId = view.getUint16(0x12, true);
  const usbProductId = view.getUint16(0x14, true);
  if (usbVendorId === LUNII_USB.v1RawUsb.vendorId && usbProductId === LUNII_USB.v1RawUsb.productId) {
    throw unsupported(
      'it belongs to a first-generation Lunii on firmware 1.x, which is written over raw USB, not as a disk; ' +
        'Talemo cannot write to it',
    );
  }
  // Why decimal: STUdio reads the SNU as a big-endian integer and prints it with %014d.
  const serial = view.getBigUint64(0x0a, false).toString().padStart(14, '0');
  const plain = xxteaDecryptLunii(bytes.subarray(DEVICE_KEY_BLOCK, MD_V2_SIZE), LUNII_GENERIC_KEY);
  // Why this order: Lunii.QT `dec[8:16] + dec[0:8]`; STUdio's byte permutation gives the same words.
  const deviceKey = new Uint8Array(16);
  deviceKey.set(plain.subarray(8, 16), 0);
  deviceKey.set(plain.subarray(0, 8), 8);
  const v1 = usbVendorId === LUNII_USB.v1Fw2.vendorId && usbProductId === LUNII_USB.v1Fw2.productId;
  return {
    mdVersion,
    family: v1 ? 'v1' : 'v2',
    firmware: `${major}.${minor}`,
    serial,
    usbVendorId,
    usbProductId,
    keys: { kind: 'v2', deviceKey },
  };
}

function parseV6to7(bytes: Uint8Array, mdVersion: number): LuniiMetadata {
  const digit = (at: number): number => {
    const value = bytes[at]! - 0x30;
    if (value < 0 || value > 9)
      throw unsupported(`its firmware version byte at 0x${at.toString(16)} is not a digit`);
    return value;
  };
  const firmware = `${digit(2)}.${digit(4)}.${digit(6)}`;
  const serialBytes = bytes.subarray(V3_SERIAL_OFFSET, V3_SERIAL_OFFSET + V3_SERIAL_LENGTH);
  const serial = String.fromCharCode(...serialBytes);
  if (!/^[0-9A-Fa-f]{14}$/.test(serial))
    throw unsupported('its serial number (at 0x1A) is not 14 hex digits');
  // Why lower case: Lunii.QT rebuilds the ASCII serial with hexlify(unhexlify(…)); a box's SNU is digits anyway.
  const snu = asciiBytes(serial.toLowerCase());
  const secret = bytes.slice(V3_SECRET_OFFSET, V3_SECRET_OFFSET + V3_BT_LENGTH);
  const keys: LuniiKeys =
    mdVersion === 6
      ? {
          kind: 'v3',
          storyKey: swapWords32(concat(snu, new Uint8Array(2))),
          storyIv: swapWords32(concat(new Uint8Array(8), snu.subarray(0, 8))),
          bt: secret,
        }
      : {
          kind: 'v3',
          storyKey: swapWords32(secret.subarray(0, 16)),
          storyIv: swapWords32(secret.subarray(16, 32)),
          bt: concat(snu, new Uint8Array(10), snu.subarray(0, 8)),
        };
  return { mdVersion, family: 'v3', firmware, serial, keys };
}

export type BuildLuniiMetadataInput =
  | {
      mdVersion: 1 | 2 | 3 | 4 | 5;
      /** Up to 14 decimal digits. */
      serial: string;
      firmware?: { major: number; minor: number };
      usbVendorId?: number;
      usbProductId?: number;
      /** The 256 plain bytes whose XXTEA(generic) form sits at 0x100; the device key is taken from them. */
      deviceKeyMaterial: Uint8Array;
    }
  | {
      mdVersion: 6 | 7;
      /** 14 ASCII digits. */
      serial: string;
      firmware?: { major: number; minor: number; patch: number };
      /** The 32 bytes at 0x40: the `bt` blob on md v6, the swapped story key and IV on md v7. */
      secret: Uint8Array;
      size?: 112 | 128;
    };

/** An `.md` in the layout `parseLuniiMetadata` reads; for fake devices, never written to a real box. */
export function buildLuniiMetadata(input: BuildLuniiMetadataInput): Uint8Array {
  return input.mdVersion <= 5
    ? buildV1to5(input as Extract<BuildLuniiMetadataInput, { mdVersion: 1 | 2 | 3 | 4 | 5 }>)
    : buildV6to7(input as Extract<BuildLuniiMetadataInput, { mdVersion: 6 | 7 }>);
}

function buildV1to5(input: Extract<BuildLuniiMetadataInput, { mdVersion: 1 | 2 | 3 | 4 | 5 }>): Uint8Array {
  if (!/^\d{1,14}$/.test(input.serial)) throw new RangeError('An md v1–5 serial is 1 to 14 decimal digits.');
  if (input.deviceKeyMaterial.length !== 256) throw new RangeError('Device key material is 256 bytes.');
  const md = new Uint8Array(MD_V2_SIZE);
  const view = new DataView(md.buffer);
  view.setUint16(0, input.mdVersion, true);
  view.setUint32(2, 0xffffffff, true);
  view.setUint16(6, input.firmware?.major ?? 2, true);
  view.setUint16(8, input.firmware?.minor ?? 22, true);
  view.setBigUint64(0x0a, BigInt(input.serial), false);
  view.setUint16(0x12, input.usbVendorId ?? LUNII_USB.v2v3.vendorId, true);
  view.setUint16(0x14, input.usbProductId ?? LUNII_USB.v2v3.productId, true);
  md.set(asciiBytes('NSPECIAL'), 0x16);
  md.set(xxteaEncryptLunii(input.deviceKeyMaterial, LUNII_GENERIC_KEY), DEVICE_KEY_BLOCK);
  return md;
}

function buildV6to7(input: Extract<BuildLuniiMetadataInput, { mdVersion: 6 | 7 }>): Uint8Array {
  if (!/^\d{14}$/.test(input.serial)) throw new RangeError('An md v6/v7 serial is 14 decimal digits.');
  if (input.secret.length !== V3_BT_LENGTH) throw new RangeError('The md v6/v7 secret is 32 bytes.');
  const md = new Uint8Array(input.size ?? (input.mdVersion === 7 ? 128 : 112));
  new DataView(md.buffer).setUint16(0, input.mdVersion, true);
  const fw =
    input.firmware ??
    (input.mdVersion === 7 ? { major: 3, minor: 2, patch: 2 } : { major: 3, minor: 1, patch: 3 });
  // Why dots: the separator bytes are unconfirmed (devices.md §1.2); the parser skips them.
  md.set(asciiBytes(`${fw.major}.${fw.minor}.${fw.patch}`), 2);
  md.set(asciiBytes(input.serial), V3_SERIAL_OFFSET);
  md.set(input.secret, V3_SECRET_OFFSET);
  return md;
}

function unsupported(why: string): LuniiFormatError {
  return new LuniiFormatError(
    'unsupported-metadata',
    `This Lunii's metadata file (.md) cannot be used: ${why}.`,
  );
}

function wrongSize(mdVersion: number, size: number, expected: string): LuniiFormatError {
  return unsupported(
    `it says version ${mdVersion} but holds ${size} bytes instead of ${expected}; it may be damaged`,
  );
}

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
