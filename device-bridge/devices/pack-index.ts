/**
 * The Lunii pack index (`/.pi`, and Lunii.QT's `/.pi.hidden`): pack UUIDs, 16 bytes each,
 * big-endian (RFC 4122 byte order), no header, in the order the box plays them
 * (research/devices.md §1.2 ".pi"). The file is the whole truth of what a box shows, so a
 * damaged one is refused here by name rather than half read.
 */
const UUID_BYTES = 16;
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type PackIndexErrorReason = 'bad-length' | 'bad-uuid' | 'duplicate';

export class PackIndexError extends Error {
  override readonly name = 'PackIndexError';

  constructor(
    readonly reason: PackIndexErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** Every whole 16-byte entry as a lowercase canonical UUID; a torn last entry is refused. */
export function parsePackIndex(bytes: Uint8Array, fileName = '.pi'): string[] {
  if (bytes.length % UUID_BYTES !== 0) {
    throw new PackIndexError(
      'bad-length',
      `The box's pack list (${fileName}) is damaged: it is ${bytes.length} bytes long, ` +
        `which is not a whole number of ${UUID_BYTES}-byte pack entries. Repairing the box keeps the whole entries.`,
    );
  }
  return wholeEntries(bytes);
}

/** The complete entries of a possibly torn index, for repair: a crash mid-write leaves a tail. */
export function wholeEntries(bytes: Uint8Array): string[] {
  const uuids: string[] = [];
  for (let at = 0; at + UUID_BYTES <= bytes.length; at += UUID_BYTES) {
    uuids.push(uuidFromBytes(bytes.subarray(at, at + UUID_BYTES)));
  }
  return uuids;
}

export function serializePackIndex(uuids: readonly string[]): Buffer {
  const out = Buffer.alloc(uuids.length * UUID_BYTES);
  const seen = new Set<string>();
  uuids.forEach((uuid, position) => {
    const canonical = normalizePackUuid(uuid);
    if (seen.has(canonical)) {
      throw new PackIndexError('duplicate', `The pack ${canonical} appears twice in the new pack list.`);
    }
    seen.add(canonical);
    out.set(Buffer.from(canonical.replaceAll('-', ''), 'hex'), position * UUID_BYTES);
  });
  return out;
}

/** Lowercase canonical form; anything that is not a UUID is refused by name. */
export function normalizePackUuid(uuid: string): string {
  const lower = uuid.trim().toLowerCase();
  if (!CANONICAL_UUID.test(lower)) {
    throw new PackIndexError('bad-uuid', `"${uuid}" is not a pack id (expected a UUID like 0e1d…-…-…).`);
  }
  return lower;
}

/** The pack's folder under `.content/`: the last 8 hex digits, upper case (§1.2). */
export function packFolderName(uuid: string): string {
  return normalizePackUuid(uuid).slice(-8).toUpperCase();
}

function uuidFromBytes(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
