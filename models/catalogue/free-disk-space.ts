/** Free space where models are stored, as the downloader's default disk probe. */
import { statfs } from 'node:fs/promises';

/** Bytes that this (non-root) process may still write on the file system holding `dir`. */
export type FreeSpaceProbe = (dir: string) => Promise<number>;

export const statfsFreeSpace: FreeSpaceProbe = async (dir) => {
  const stats = await statfs(dir);
  // bavail, not bfree: blocks reserved for root are not ours to fill.
  return stats.bavail * stats.bsize;
};
