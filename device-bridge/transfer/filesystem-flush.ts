/**
 * Makes what was written reach the box's disk, once for many files.
 *
 * On Linux, `sync -f <path>` (coreutils' syncfs(2)) flushes the whole filesystem holding the
 * box in one call: file data, folder entries and the FAT itself (the block device's buffers).
 * That is what `cp -r` + `sync` does, and much faster than an fsync per file when a pack has
 * hundreds of small files. Starting `sync` costs ~15 ms, so a handful of files is fsynced one
 * by one instead. FUSE filesystems (exFAT or NTFS through fuse) may not pass syncfs to their
 * daemon, so there, and on other systems, each file is fsynced (macOS and Windows flush a
 * file's data on fsync/FlushFileBuffers), then each folder.
 *
 * Every other write of a transfer (index, journal, renames) is made durable where it happens;
 * this covers the bulk: a pack's files, and the folders things were deleted from.
 */
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

import { mountFor, readMountTable } from '../devices/mount-table';
import { fsyncDirectory } from './durable-file';

const PARALLEL_FSYNCS = 4;
/** Above this many files one syncfs is cheaper than an fsync each. */
const PER_FILE_LIMIT = 16;

export interface FlushOptions {
  /**
   * Folders were deleted under these folders: fsync them. (A folder fsync makes unlinks
   * durable; on FAT it also writes the allocation table: Linux fat_file_fsync.)
   */
  removedFrom?: readonly string[];
}

export async function flushFilesystem(
  root: string,
  files: readonly string[] = [],
  options: FlushOptions = {},
): Promise<void> {
  const whole = files.length > PER_FILE_LIMIT;
  if (whole && process.platform === 'linux' && (await syncfsTrustworthy(root)) && (await syncfs(root)))
    return;
  await fsyncEach(files);
  for (const dir of options.removedFrom ?? []) await fsyncDirectory(dir).catch(ignoreMissing);
  for (const dir of foldersUpTo(root, files)) await fsyncDirectory(dir);
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

/** Every folder between the files and the root, deepest first: each holds a new entry. */
function foldersUpTo(root: string, files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    for (let dir = dirname(file); dir.startsWith(root) && dir !== root; dir = dirname(dir)) folders.add(dir);
  }
  return [...[...folders].sort((a, b) => b.length - a.length), root];
}

async function syncfsTrustworthy(root: string): Promise<boolean> {
  const mount = mountFor(await readMountTable(), root);
  return !mount?.fsType.startsWith('fuse');
}

let syncCommandMissing = false;

/** True when syncfs ran; false when it cannot be used here (then the caller fsyncs each file). */
function syncfs(root: string): Promise<boolean> {
  if (syncCommandMissing) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    execFile('sync', ['-f', root], (error, _stdout, stderr) => {
      if (!error) return resolve(true);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        syncCommandMissing = true;
        return resolve(false);
      }
      // Why reject on a missing root: the box left; fsyncing each file would only fail slower.
      if (/No such file|not found/i.test(stderr)) {
        return reject(Object.assign(new Error(stderr.trim()), { code: 'ENOENT' }));
      }
      if (/Input\/output error/i.test(stderr))
        return reject(Object.assign(new Error(stderr.trim()), { code: 'EIO' }));
      // An old coreutils without -f: fall back.
      resolve(false);
    });
  });
}

async function fsyncEach(files: readonly string[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++]!;
      // Why r+: Windows flushes only a handle opened for writing.
      const handle = await open(file, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_FSYNCS, files.length) }, worker));
}
