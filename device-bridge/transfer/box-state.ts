/**
 * What every write starts from: the box is still there, and its pack lists as they are now.
 * Read fresh before each change rather than cached, because the box is shared with its own
 * firmware, other tools and other laptops.
 */
import { stat } from 'node:fs/promises';

import { PackIndexError } from '../devices/pack-index';
import { readPackIndex } from '../devices/pack-index-file';
import { TransferError, unpluggedError } from './transfer-error';

export async function requireBox(root: string): Promise<void> {
  try {
    if ((await stat(root)).isDirectory()) return;
  } catch {
    // reported below
  }
  throw unpluggedError(root);
}

export interface PackLists {
  visible: string[];
  hidden: string[];
}

export async function readPackLists(root: string): Promise<PackLists> {
  try {
    return { visible: await readPackIndex(root, false), hidden: await readPackIndex(root, true) };
  } catch (error) {
    if (error instanceof PackIndexError)
      throw new TransferError('damaged-index', error.message, { cause: error });
    throw error;
  }
}
