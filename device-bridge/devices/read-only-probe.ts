/**
 * Whether a box can be written. A FAT with errors is remounted read-only by Linux and an SD
 * card has a lock switch; neither shows in a folder's permission bits, but access(2) with W_OK
 * answers EROFS for a read-only filesystem even to root. Asked without writing anything,
 * because the Boxes page asks every few seconds and a box's flash should not wear for it.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';

const READ_ONLY_CODES = new Set(['EROFS', 'EACCES', 'EPERM']);

export async function probeReadOnly(root: string): Promise<boolean> {
  try {
    await access(root, constants.W_OK);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && READ_ONLY_CODES.has(code)) return true;
    throw error;
  }
}
