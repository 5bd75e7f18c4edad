/**
 * Why writing to (or reading) a Toniebox SD card failed, in words a parent can act on; `code`
 * is for code. Operating-system errors are mapped here once.
 */
import { stat } from 'node:fs/promises';

import { formatBytes } from '../../formats/studio/format-bytes';

export type TonieSdErrorCode =
  | 'not-found'
  | 'not-a-toniebox-card'
  | 'bad-taf'
  | 'no-space'
  | 'read-only'
  /** The card vanished mid-write (its root is gone, or it answers with I/O errors). */
  | 'unplugged'
  | 'verify-failed'
  | 'cancelled';

export class TonieSdError extends Error {
  override readonly name = 'TonieSdError';

  constructor(
    readonly code: TonieSdErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function noSpaceOnCard(neededBytes: number, freeBytes: number): TonieSdError {
  return new TonieSdError(
    'no-space',
    `Not enough room on the SD card: this Tonie's audio needs ${exactBytes(neededBytes)} ` +
      `and ${exactBytes(freeBytes)} is free. ` +
      'Remove other content from the card, or use a larger card.',
  );
}

/** "3.2 MB (3355443 bytes)": rounded for reading, exact for checking against `df`. */
function exactBytes(bytes: number): string {
  return bytes < 1024 ? formatBytes(bytes) : `${formatBytes(bytes)} (${bytes} bytes)`;
}

export function cancelledOnCard(): TonieSdError {
  return new TonieSdError('cancelled', 'Cancelled; the SD card is as it was.');
}

const UNPLUGGED_CODES = new Set(['EIO', 'ENODEV', 'ENXIO', 'ENOMEDIUM', 'ESTALE']);
const READ_ONLY_CODES = new Set(['EROFS', 'EACCES', 'EPERM']);

/** A TonieSdError for an operating-system failure while touching the card at `root`; others pass through. */
export async function asTonieSdError(error: unknown, root: string): Promise<unknown> {
  if (error instanceof TonieSdError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return error;
  if (UNPLUGGED_CODES.has(code) || (code === 'ENOENT' && !(await isFolder(root))))
    return new TonieSdError(
      'unplugged',
      `The SD card at ${root} was removed (or stopped answering) while writing. ` +
        'Put it back and write again: the half-written copy is ignored by the box and replaced.',
      { cause: error },
    );
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new TonieSdError(
      'no-space',
      'The SD card became full while writing. Nothing was changed; free some room and retry.',
      { cause: error },
    );
  if (READ_ONLY_CODES.has(code))
    return new TonieSdError(
      'read-only',
      'The SD card cannot be written to (its lock switch is on, or the computer found errors on it). ' +
        'Check it, then insert it again.',
      { cause: error },
    );
  return error;
}

export async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
