/**
 * Writes one folder of tracks onto an SD card so that the box never sees half of it:
 * the tracks are copied in order into a hidden staging folder next to the target, flushed,
 * read back and hashed, and only then is the staging folder renamed to its real name.
 *
 * Why a staging folder rather than temp file + rename per track: on FAT a rename creates a
 * new directory entry in the first free slot, which can put track 5 before track 4 in the
 * folder's entry order, and some DFPlayer clones play in that order. Files created once, in
 * order, under their final names keep the entry order = track order; the folder rename is the
 * one atomic step.
 */
import { mkdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { TEMP_FOLDER_PREFIX } from '../lunii-layout';
import { copyFileHashed, fsyncDirectory, hashFile, type HashedFile } from '../../transfer/durable-file';
import { flushFilesystem } from '../../transfer/filesystem-flush';
import { TransferError, asTransferError, cancelledError, noSpaceError } from '../../transfer/transfer-error';

export interface TrackToCopy {
  source: string;
  /** File name in the folder. */
  name: string;
}

export interface CopiedTrack extends HashedFile {
  name: string;
  source: string;
}

export interface TrackFolderProgress {
  tracksDone: number;
  tracksTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface TrackFolderOptions {
  signal?: AbortSignal;
  onProgress?: (progress: TrackFolderProgress) => void;
}

/**
 * Copies `tracks` (in order) into `folder` (absolute, under `sdRoot`). An existing `folder`
 * is replaced as a whole once the new one is verified; callers decide whether that is allowed.
 */
export async function writeTrackFolder(
  sdRoot: string,
  folder: string,
  tracks: readonly TrackToCopy[],
  options: TrackFolderOptions = {},
): Promise<CopiedTrack[]> {
  const parent = dirname(folder);
  const staging = join(parent, `${TEMP_FOLDER_PREFIX}${basename(folder)}`);
  try {
    const sizes = await Promise.all(tracks.map(async (track) => (await stat(track.source)).size));
    await ensureRoom(sdRoot, sizes);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    const copied = await copyInOrder(staging, tracks, sizes, options);
    await flushFilesystem(
      sdRoot,
      copied.map((track) => join(staging, track.name)),
    );
    await verify(staging, copied, options.signal);
    await swapIn(staging, folder);
    return copied;
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    throw await asTransferError(error, sdRoot);
  }
}

async function ensureRoom(sdRoot: string, sizes: readonly number[]): Promise<void> {
  const fs = await statfs(sdRoot);
  const round = (bytes: number): number => Math.max(fs.bsize, Math.ceil(bytes / fs.bsize) * fs.bsize);
  // One cluster for the folder itself, and FAT gives every file whole clusters.
  const needed = fs.bsize + sizes.reduce((sum, size) => sum + round(size), 0);
  const free = fs.bavail * fs.bsize;
  if (needed > free) throw noSpaceError(needed, free);
}

async function copyInOrder(
  staging: string,
  tracks: readonly TrackToCopy[],
  sizes: readonly number[],
  options: TrackFolderOptions,
): Promise<CopiedTrack[]> {
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  let bytesDone = 0;
  const copied: CopiedTrack[] = [];
  const report = (): void =>
    options.onProgress?.({ tracksDone: copied.length, tracksTotal: tracks.length, bytesDone, bytesTotal });
  for (const [i, track] of tracks.entries()) {
    if (options.signal?.aborted) throw cancelledError([]);
    const hashed = await copyFileHashed(track.source, join(staging, track.name), {
      signal: options.signal,
      sizeHint: sizes[i],
      onBytes: (bytes) => {
        bytesDone += bytes;
        report();
      },
    });
    copied.push({ name: track.name, source: track.source, ...hashed });
    report();
  }
  return copied;
}

async function verify(staging: string, copied: readonly CopiedTrack[], signal?: AbortSignal): Promise<void> {
  for (const { name, source: _source, ...written } of copied) {
    const back: HashedFile = await hashFile(join(staging, name), signal);
    // Compared whole: size and digest, whatever digest durable-file.ts computes.
    if (!isDeepStrictEqual({ ...back }, written)) {
      throw new TransferError(
        'verify-failed',
        `The card gave back other bytes for ${name} than were written: the SD card may be failing. ` +
          'Nothing was changed on it; try again, or use another card.',
      );
    }
  }
}

/** Renames the verified staging folder into place, moving an old folder aside first. */
async function swapIn(staging: string, folder: string): Promise<void> {
  const parent = dirname(folder);
  const old = join(parent, `${TEMP_FOLDER_PREFIX}del-${basename(folder)}`);
  await rm(old, { recursive: true, force: true });
  const hadOld = await exists(folder);
  if (hadOld) await rename(folder, old);
  await rename(staging, folder);
  await fsyncDirectory(parent);
  if (hadOld) {
    await rm(old, { recursive: true, force: true });
    await fsyncDirectory(parent);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
