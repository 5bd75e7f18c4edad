/**
 * Refuses a write that cannot fit, before a byte is written. FAT gives a file whole clusters
 * and a new folder at least one (statfs reports the cluster size as the block size), and the
 * old content stays on the card until the new copy is verified, so a replacement needs room
 * for the whole new file too.
 */
import { statfs } from 'node:fs/promises';

import { noSpaceOnCard } from './tonie-sd-error';

export interface CardSpace {
  /** Bytes an unprivileged writer may still use (statfs `bavail × bsize`). */
  freeBytes: number;
  /** Allocation unit (FAT cluster). */
  blockSize: number;
}

export async function cardSpace(dir: string): Promise<CardSpace> {
  const stats = await statfs(dir);
  return { freeBytes: stats.bavail * stats.bsize, blockSize: stats.bsize };
}

/** Bytes the card gives a `fileBytes` file, plus a cluster for its folder when that is new. */
export function bytesNeededOnCard(fileBytes: number, blockSize: number, newFolder: boolean): number {
  const clusters = Math.max(1, Math.ceil(fileBytes / blockSize)) + (newFolder ? 1 : 0);
  return clusters * blockSize;
}

/** Throws a `no-space` TonieSdError naming both figures when the file will not fit. */
export function ensureRoomOnCard(space: CardSpace, fileBytes: number, newFolder: boolean): void {
  const needed = bytesNeededOnCard(fileBytes, space.blockSize, newFolder);
  if (needed > space.freeBytes) throw noSpaceOnCard(needed, space.freeBytes);
}
