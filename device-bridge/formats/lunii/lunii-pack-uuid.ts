/**
 * A pack's identity on a Lunii: a UUID listed in `/.pi` as 16 big-endian bytes, and a folder
 * under `.content/` named by its last 8 hex digits in upper case (STUdio `transformUuid`,
 * Lunii.QT `short_uuid`).
 */
import { LuniiFormatError } from './lunii-format-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isPackUuid(text: string): boolean {
  return UUID.test(text);
}

export function packFolderName(packUuid: string): string {
  if (!isPackUuid(packUuid)) {
    throw new LuniiFormatError(
      'invalid-input',
      `A Lunii pack is named by a UUID like 0b9c3a4e-1f6d-4c1a-9e55-000000000001, got "${packUuid}".`,
    );
  }
  return packUuid.slice(-8).toUpperCase();
}

/** The 16 bytes `.pi` holds for this pack (RFC 4122 byte order). */
export function packUuidBytes(packUuid: string): Uint8Array {
  packFolderName(packUuid);
  const hex = packUuid.replaceAll('-', '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}
