/** Reads a box's pack index files; a missing file is an empty list (a new box has none). */
import { readFile } from 'node:fs/promises';

import { HIDDEN_PACK_INDEX_FILE, PACK_INDEX_FILE, packIndexPath } from './lunii-layout';
import { parsePackIndex } from './pack-index';

export async function readPackIndexBytes(root: string, hidden: boolean): Promise<Buffer> {
  try {
    return await readFile(packIndexPath(root, hidden));
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
