/** Bytes and files under a folder, for pack sizes and progress totals; links are not followed. */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface FolderSize {
  bytes: number;
  files: number;
}

export async function folderSize(dir: string): Promise<FolderSize> {
  const total: FolderSize = { bytes: 0, files: 0 };
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = await folderSize(path);
      total.bytes += inner.bytes;
      total.files += inner.files;
    } else if (entry.isFile()) {
      total.bytes += (await lstat(path)).size;
      total.files += 1;
    }
  }
  return total;
}
