/** Reads a box's pack index files; a missing file is an empty list (a new box has none). */

import { HIDDEN_PACK_INDEX_FILE, PACK_INDEX_FILE, packIndexPath } from './lunii-layout';
import { BOX_FILE_LIMITS, readFileCapped } from './capped-read';
import { PackIndexError, parsePackIndex } from './pack-index';

export async function readPackIndexBytes(root: string, hidden: boolean): Promise<Buffer> {
  try {
    const bytes = await readFileCapped(packIndexPath(root, hidden), BOX_FILE_LIMITS.packIndex);
    if (bytes.length > BOX_FILE_LIMITS.packIndex)
      throw new PackIndexError(
        'bad-length',
        `${hidden ? HIDDEN_PACK_INDEX_FILE : PACK_INDEX_FILE} is longer than any pack list (over ${BOX_FILE_LIMITS.packIndex} bytes): it is damaged.`,
      );
    return bytes;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}

export async function readPackIndex(root: string, hidden: boolean): Promise<string[]> {
  return parsePackIndex(
    await readPackIndexBytes(root, hidden),
    hidden ? HIDDEN_PACK_INDEX_FILE : PACK_INDEX_FILE,
  );
}
