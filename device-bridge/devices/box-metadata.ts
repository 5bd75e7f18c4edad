/**
 * A box's `/.md`, read and parsed once at the edge. An `.md` we cannot read is refused with
 * its version and firmware named, since a newer firmware changing the format is the common
 * cause (research/devices.md §1.7, items 1–2) and the parent needs to know which.
 */
import { join } from 'node:path';

import { LuniiFormatError } from '../formats/lunii/lunii-format-error';
import { parseLuniiMetadata, type LuniiMetadata } from '../formats/lunii/lunii-metadata';
import { BoxOpenError } from './box-open-error';
import { BOX_FILE_LIMITS, readFileCapped } from './capped-read';
import { LUNII_METADATA_FILE } from './lunii-layout';

export interface BoxMetadata {
  /** The raw `.md`, for backups. */
  bytes: Buffer;
  metadata: LuniiMetadata;
}

export async function readBoxMetadataBytes(root: string): Promise<Buffer> {
  try {
    const bytes = await readFileCapped(join(root, LUNII_METADATA_FILE), BOX_FILE_LIMITS.metadata);
    if (bytes.length > BOX_FILE_LIMITS.metadata)
      throw new BoxOpenError(
        'unsupported-metadata',
        `${root}/${LUNII_METADATA_FILE} is far larger than a Lunii's (at most ${BOX_FILE_LIMITS.metadata} bytes): this is not a Lunii's metadata, or it is damaged.`,
      );
    return bytes;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new BoxOpenError(
        'not-a-lunii',
        `${root} does not look like a Lunii: it has no ${LUNII_METADATA_FILE} file.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

export async function readBoxMetadata(root: string): Promise<BoxMetadata> {
  const bytes = await readBoxMetadataBytes(root);
  try {
    return { bytes, metadata: parseLuniiMetadata(bytes) };
  } catch (error) {
    if (!(error instanceof LuniiFormatError)) throw error;
    throw new BoxOpenError(
      'unsupported-metadata',
      `Talemo cannot write to this Lunii yet (${describeMetadataVersion(bytes)}): ${error.message}`,
      { cause: error },
    );
  }
}

/** "metadata version 8, firmware 3.4.1" from whatever of the header is readable. */
export function describeMetadataVersion(bytes: Uint8Array): string {
  if (bytes.length < 2) return `metadata file of ${bytes.length} byte(s)`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(0, true);
  return `metadata version ${version}, firmware ${firmwareGuess(bytes, view)}`;
}

function firmwareGuess(bytes: Uint8Array, view: DataView): string {
  const digits = [2, 4, 6].map((at) => bytes[at]);
  if (digits.every((byte) => byte !== undefined && byte >= 0x30 && byte <= 0x39)) {
    return digits.map((byte) => String.fromCharCode(byte!)).join('.');
  }
  if (bytes.length >= 10) return `${view.getUint16(6, true)}.${view.getUint16(8, true)}`;
  return 'unknown';
}
