/**
 * The files of a pack folder ready to copy (compiled by formats/lunii), listed once before
 * anything is written so the free-space check and the progress total are exact.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { TransferError } from './transfer-error';

export interface SourceFile {
  /** Path inside the pack, with `/` separators (`rf/000/0A1B2C3D`). */
  relPath: string;
  absPath: string;
  size: number;
}

export interface PackFiles {
  uuid: string;
  sourceDir: string;
  /** Sub-folders, parents first. */
  dirs: string[];
  files: SourceFile[];
  bytes: number;
}

export async function listPackFiles(uuid: string, sourceDir: string): Promise<PackFiles> {
  const pack: PackFiles = { uuid, sourceDir, dirs: [], files: [], bytes: 0 };
  try {
    if (!(await lstat(sourceDir)).isDirectory()) throw notFound(uuid, sourceDir);
  } catch (error) {
    if (error instanceof TransferError) throw error;
    throw notFound(uuid, sourceDir, error);
  }
  await walk(pack, sourceDir, '');
  if (pack.files.length === 0) {
    throw new TransferError(
      'invalid-request',
      `The pack folder ${sourceDir} is empty; compile the pack again.`,
    );
  }
  return pack;
}

async function walk(pack: PackFiles, dir: string, prefix: string): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const relPath = prefix ? `${prefix}/${entry.name}` : entry.name;
    const absPath = join(dir, entry.name);
    if (entry.isDirectory()) {
      pack.dirs.push(relPath);
      await walk(pack, absPath, relPath);
    } else if (entry.isFile()) {
      const size = (await lstat(absPath)).size;
      pack.files.push({ relPath, absPath, size });
      pack.bytes += size;
    } else {
      // Why refuse: a link or device file would copy something other than the pack.
      throw new TransferError(
        'invalid-request',
        `The pack folder holds ${relPath}, which is not a plain file; compile the pack again.`,
      );
    }
  }
}

function notFound(uuid: string, sourceDir: string, cause?: unknown): TransferError {
  return new TransferError(
    'not-found',
    `The files of pack ${uuid} are missing (${sourceDir}); compile it again.`,
    {
      cause,
    },
  );
}
