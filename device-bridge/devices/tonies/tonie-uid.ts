/**
 * A Tonie's NFC tag UID and where its audio lives on the Toniebox SD card.
 *
 * The rule (research/devices.md §2.1, checked in teddycloud's own source,
 * `toniebox-reverse-engineering/teddycloud:src/handler.c` `getContentPathFromUID` and
 * `getContentPathFromCharRUID`): print the 8-byte UID as 16 uppercase hex digits, reverse the
 * order of its 8 bytes, then the first 8 digits name the folder under `CONTENT` and the last 8
 * the file (no extension). UID `E0:04:03:50:0D:0D:3F:47` → `CONTENT/473F0D0D/500304E0`.
 */

/** NFC tags of Tonies are ISO 15693: 8-byte UIDs. */
export const TONIE_UID_BYTES = 8;
/** ISO 15693 puts 0xE0 in a UID's most significant byte, so a UID printed in order starts with it. */
const ISO15693_FIRST_BYTE = 'E0';

/** The UID given cannot name a Tonie. */
export class TonieUidError extends Error {
  override name = 'TonieUidError';
}

export interface TonieSdLocation {
  /** 16 uppercase hex digits, most significant byte first (as printed: E0…). */
  uid: string;
  /** The folder under CONTENT, 8 uppercase hex digits. */
  folder: string;
  /** The file in that folder, 8 uppercase hex digits (almost always 500304E0). */
  file: string;
  /** `CONTENT/<folder>/<file>`, relative to the card's root. */
  path: string;
}

/** Accepts `E00403500D0D3F47`, `e0:04:03:50:0d:0d:3f:47`, or the same with spaces or dashes. */
export function parseTonieUid(input: string): string {
  const text = input.trim();
  const groups = text.split(/[:\s-]+/).filter((group) => group !== '');
  if (groups.length > 1 && groups.some((group) => group.length !== 2))
    throw new TonieUidError(
      `"${input}" is not a tag UID: with separators, each byte is two hex digits (E0:04:03:50:0D:0D:3F:47)`,
    );
  const hex = groups.join('');
  if (!/^[0-9a-fA-F]*$/.test(hex))
    throw new TonieUidError(`"${input}" is not a tag UID: it holds characters other than hex digits`);
  if (hex.length !== TONIE_UID_BYTES * 2)
    throw new TonieUidError(
      `"${input}" is not a Tonie's tag UID: it is ${hex.length / 2} bytes (${hex.length} hex digits); ` +
        `a Tonie's UID is ${TONIE_UID_BYTES} bytes (${TONIE_UID_BYTES * 2} hex digits, like E0:04:03:50:0D:0D:3F:47)`,
    );
  const uid = hex.toUpperCase();
  // Why refuse: the reversed form is what the card's folder names show, and a copy-paste
  // from there would silently write to a folder no Tonie ever reads.
  if (!uid.startsWith(ISO15693_FIRST_BYTE) && uid.endsWith(ISO15693_FIRST_BYTE))
    throw new TonieUidError(
      `"${input}" looks byte-reversed (as in the card's folder names): a tag UID starts with E0. ` +
        `Did you mean ${reverseBytes(uid)}?`,
    );
  return uid;
}

export function tonieSdPath(uid: string): TonieSdLocation {
  const parsed = parseTonieUid(uid);
  const reversed = reverseBytes(parsed);
  const folder = reversed.slice(0, 8);
  const file = reversed.slice(8);
  return { uid: parsed, folder, file, path: `CONTENT/${folder}/${file}` };
}

/** The UID a `CONTENT/<folder>/<file>` pair belongs to; null when the names are not 8 hex digits each. */
export function uidFromSdNames(folder: string, file: string): string | null {
  if (!/^[0-9a-fA-F]{8}$/.test(folder) || !/^[0-9a-fA-F]{8}$/.test(file)) return null;
  return reverseBytes(`${folder}${file}`.toUpperCase());
}

/** `E0:04:03:50:0D:0D:3F:47`, as teddycloud and the Tonies app show UIDs. */
export function formatTonieUid(uid: string): string {
  return (parseTonieUid(uid).match(/../g) ?? []).join(':');
}

function reverseBytes(hex: string): string {
  return (hex.match(/../g) ?? []).reverse().join('');
}
