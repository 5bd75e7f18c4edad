/**
 * Why a write to a box failed. The message is for a parent and says what to do; `code` is
 * for code. Operating-system errors are mapped here once, so every operation reports an
 * unplugged box or a full disk the same way.
 */
import { stat } from 'node:fs/promises';

import { formatBytes } from '../formats/studio/format-bytes';

export type TransferErrorCode =
  | 'no-space'
  | 'read-only'
  /** The box vanished mid-operation (its root is gone, or the disk answers with I/O errors). */
  | 'unplugged'
  | 'already-installed'
  | 'verify-failed'
  | 'cancelled'
  | 'not-found'
  /** An earlier transfer was cut off and must be repaired (or resumed) first. */
  | 'interrupted'
  /** The box's pack list is torn; repair keeps its whole entries. */
  | 'damaged-index'
  /** The caller asked for something impossible (an order that is not a permutation…). */
  | 'invalid-request';

export class TransferError extends Error {
  override readonly name = 'TransferError';
  /** Packs that were fully installed before the failure; they stay on the box. */
  readonly installed: string[];

  constructor(
    readonly code: TransferErrorCode,
    message: string,
    options?: { cause?: unknown; installed?: string[] },
  ) {
    super(message, options);
    this.installed = options?.installed ?? [];
  }
}

const UNPLUGGED_CODES = new Set(['EIO', 'ENODEV', 'ENXIO', 'ESHUTDOWN', 'ENOMEDIUM', 'ESTALE']);
const READ_ONLY_CODES = new Set(['EROFS', 'EACCES', 'EPERM']);

/** A TransferError for any failure while touching the box at `root`; others pass through. */
export async function asTransferError(error: unknown, root: string): Promise<unknown> {
  if (error instanceof TransferError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return error;
  if (UNPLUGGED_CODES.has(code) || ((code === 'ENOENT' || code === 'ENOTDIR') && !(await rootExists(root)))) {
    return unpluggedError(root, error);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new TransferError(
      'no-space',
      'The box became full while writing. Nothing was added; free some room and retry.',
      {
        cause: error,
      },
    );
  }
  if (READ_ONLY_CODES.has(code)) {
    return new TransferError(
      'read-only',
      'The box cannot be written to (it is read-only: a locked card, or a disk the computer found errors on). ' +
        'Check it, then plug it in again.',
      { cause: error },
    );
  }
  return error;
}

export function unpluggedError(root: string, cause?: unknown): TransferError {
  return new TransferError(
    'unplugged',
    `The box at ${root} was unplugged (or stopped answering) during the transfer. ` +
      'Plug it in again: Talemo will repair it before anything else.',
    { cause },
  );
}

export function noSpaceError(neededBytes: number, freeBytes: number): TransferError {
  return new TransferError(
    'no-space',
    `Not enough room on the box: the packs need ${formatBytes(neededBytes)} and ${formatBytes(freeBytes)} is free. ` +
      'Remove a pack from the box, or install fewer at once.',
  );
}

export function cancelledError(installed: string[]): TransferError {
  return new TransferError(
    'cancelled',
    installed.length === 0
      ? 'The transfer was cancelled; the box is as it was.'
      : `The transfer was cancelled; ${installed.length} pack(s) finished before and stay on the box.`,
    { installed },
  );
}

async function rootExists(root: string): Promise<boolean> {
  try {
    return (await stat(root)).isDirectory();
  } catch {
    return false;
  }
}
