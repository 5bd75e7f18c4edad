/**
 * Refuses an install that cannot fit, before a byte is written. FAT gives each file and each
 * folder whole clusters, so sizes are rounded up to the filesystem's block size (statfs
 * reports the cluster size for FAT), plus room for the index and journal rewrites.
 */
import { statfs } from 'node:fs/promises';

import type { PackFiles } from './pack-source';
import { noSpaceError } from './transfer-error';

const INDEX_AND_JOURNAL_MARGIN = 256 * 1024;

export function bytesOnDisk(packs: readonly PackFiles[], blockSize: number): number {
  const round = (bytes: number): number => Math.ceil(bytes / blockSize) * blockSize;
  let total = INDEX_AND_JOURNAL_MARGIN;
  for (const pack of packs) {
    // One block for the pack folder itself and one per sub-folder.
    total += (pack.dirs.length + 1) * blockSize;
    for (const file of pack.files) total += Math.max(blockSize, round(file.size));
  }
  return total;
}

export async function ensureFreeSpace(root: string, packs: readonly PackFiles[]): Promise<void> {
  const stats = await statfs(root);
  const free = stats.bavail * stats.bsize;
  const needed = bytesOnDisk(packs, stats.bsize);
  if (needed > free) throw noSpaceError(needed, free);
}
