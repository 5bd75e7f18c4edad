/**
 * `ri` (images) and `si` (sounds): 12-byte ASCII entries `000\XXXXXXXX`, no separator. Entry
 * k names the file `rf/000/XXXXXXXX` (or `sf/…`). We name files by their position, as STUdio
 * does (`000\00000000`, `000\00000001`…). Plain bytes here; see lunii-file-cipher.ts.
 */
import { LuniiPackError } from './lunii-pack-error';

export const RESOURCE_ENTRY_SIZE = 12;
const ENTRY = /^(\d{3})\\([0-9A-Za-z]{8})$/;

export type ResourceIndexKind = 'ri' | 'si';

/** The 8-character file name STUdio gives the entry at `position`. */
export function resourceFileName(position: number): string {
  return String(position).padStart(8, '0');
}

export function encodeResourceIndex(names: readonly string[]): Uint8Array {
  const text = names
    .map((name) => {
      if (!/^[0-9A-Z]{8}$/.test(name))
        throw new RangeError(`A Lunii resource name is 8 of [0-9A-Z], got "${name}".`);
      return `000\\${name}`;
    })
    .join('');
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

/**
 * The file paths (relative to the pack folder, `rf/000/00000000`) of the first `count` entries.
 * Bytes after them must be zeros (v3 pads a short file to 16 bytes); anything else is damage.
 */
export function decodeResourceIndex(bytes: Uint8Array, count: number, kind: ResourceIndexKind): string[] {
  const needed = count * RESOURCE_ENTRY_SIZE;
  if (bytes.length < needed) {
    throw corrupt(
      kind,
      `it holds ${bytes.length} bytes, but ni announces ${count} entries (${needed} bytes)`,
    );
  }
  if (bytes.subarray(needed).some((byte) => byte !== 0)) {
    throw corrupt(kind, `it holds more than the ${count} entries ni announces`);
  }
  const folder = kind === 'ri' ? 'rf' : 'sf';
  return Array.from({ length: count }, (_, k) => {
    const entry = String.fromCharCode(
      ...bytes.subarray(k * RESOURCE_ENTRY_SIZE, (k + 1) * RESOURCE_ENTRY_SIZE),
    );
    const match = ENTRY.exec(entry);
    if (!match) throw corrupt(kind, `entry ${k} is not of the form 000\\XXXXXXXX`);
    return `${folder}/${match[1]!}/${match[2]!}`;
  });
}

/** Whether deciphered bytes look like an index at all: how a wrong key shows (Lunii.QT `__story_check_v3key`). */
export function looksLikeResourceIndex(bytes: Uint8Array): boolean {
  return (
    bytes.length >= RESOURCE_ENTRY_SIZE &&
    ENTRY.test(String.fromCharCode(...bytes.subarray(0, RESOURCE_ENTRY_SIZE)))
  );
}

function corrupt(kind: ResourceIndexKind, why: string): LuniiPackError {
  const what = kind === 'ri' ? 'image index (ri)' : 'sound index (si)';
  return new LuniiPackError('corrupt', kind, `The ${what} is damaged: ${why}.`);
}
