/**
 * Whether a box can be written, found by trying: a FAT with errors is remounted read-only by
 * Linux, an SD card has a lock switch, and neither shows in a folder's permission bits (and
 * as root permission bits do not stop anything). The probe file is tiny and removed at once.
 */
import { randomBytes } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { PROBE_FILE_PREFIX } from './lunii-layout';

const READ_ONLY_CODES = new Set(['EROFS', 'EACCES', 'EPERM']);

export async function probeReadOnly(root: string): Promise<boolean> {
  const path = join(root, `${PROBE_FILE_PREFIX}${randomBytes(4).toString('hex')}`);
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.write(Buffer.from([0]));
    } finally {
      await handle.close();
    }
    await unlink(path);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && READ_ONLY_CODES.has(code)) return true;
    throw error;
  }
}
