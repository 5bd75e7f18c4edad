/**
 * Puts a Tonie audio file on a Toniebox SD card for one tag, so that at every moment the box
 * finds either the old audio or the new one, whole:
 *
 *   check the TAF (inspectTaf: hash, block layout, chapters) and the card (CONTENT, room)
 *   → copy to `<file>.talemo-new` in the target folder (SHA-256 of the bytes written)
 *   → fsync → read back and compare SHA-256
 *   → rename over `<file>` → fsync the folder.
 *
 * The old file is the backup: it is untouched until the new copy has been verified, and the
 * rename swaps one directory entry for the other (the box never reads `*.talemo-new`).
 * Cancel or failure before the rename removes the copy (and the folder if this write created
 * it): the card is as it was.
 */
import { mkdir, open, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';

import { tafFitness } from '../../formats/taf/taf-fitness';
import type { TafReport } from '../../formats/taf/taf-inspect';
import { copyFileHashed, fsyncDirectory } from '../../transfer/durable-file';
import { findContentFolder, findEntry } from './tonie-card';
import { cardSpace, ensureRoomOnCard } from './tonie-card-space';
import { readBackSha256 } from './tonie-read-back';
import { asTonieSdError, cancelledOnCard, TonieSdError } from './tonie-sd-error';
import { tonieSdPath } from './tonie-uid';

/** A copy not yet verified. Its name is not one the box reads (8 hex digits, no extension). */
export const TONIE_NEW_FILE_SUFFIX = '.talemo-new';

export type TonieWritePhase = 'copy' | 'verify';

export interface TonieWriteOptions {
  signal?: AbortSignal;
  /** Bytes done of the phase's total (the file's size): copying, then reading back. */
  onProgress?: (phase: TonieWritePhase, doneBytes: number, totalBytes: number) => void;
}

export interface TonieWriteResult {
  uid: string;
  /** Absolute path of the file written. */
  path: string;
  bytes: number;
  sha256: string;
  /** True when the tag already had audio on this card, now replaced. */
  replaced: boolean;
  audioId: number;
  chapterCount: number;
  durationSeconds: number;
}

export async function writeTafToSd(
  sdRoot: string,
  uid: string,
  tafPath: string,
  options: TonieWriteOptions = {},
): Promise<TonieWriteResult> {
  const { signal } = options;
  const location = tonieSdPath(uid);
  const content = await findContentFolder(sdRoot);
  const report = await checkedTaf(tafPath);
  if (signal?.aborted) throw cancelledOnCard();

  const folderName = await findEntry(content, location.folder);
  const newFolder = folderName === null;
  const folder = join(content, folderName ?? location.folder);
  const existing = await findEntry(folder, location.file);
  const target = join(folder, existing ?? location.file);
  ensureRoomOnCard(await cardSpace(content), report.fileBytes, newFolder);

  const temp = `${target}${TONIE_NEW_FILE_SUFFIX}`;
  try {
    if (newFolder) await mkdir(folder);
    // A copy left by an earlier write that was cut off: never verified, so never used.
    await rm(temp, { force: true });
    const written = await copyFileHashed(tafPath, temp, {
      ...(signal ? { signal } : {}),
      onBytes: progressCounter('copy', report.fileBytes, options),
    });
    await fsyncFile(temp);
    if (signal?.aborted) throw cancelledOnCard();
    const back = await readBackSha256(temp, {
      ...(signal ? { signal } : {}),
      onBytes: progressCounter('verify', report.fileBytes, options),
    });
    if (back.sha256 !== written.sha256 || back.size !== report.fileBytes)
      throw new TonieSdError(
        'verify-failed',
        'The copy on the SD card reads back differently from what was written: the card may be failing. ' +
          'The old content was kept; try again, or try another card.',
      );
    // Last moment a cancel is honoured: after the rename the new audio is in place.
    if (signal?.aborted) throw cancelledOnCard();
    await rename(temp, target);
    await fsyncDirectory(folder);
    if (newFolder) await fsyncDirectory(content);
    return {
      uid: location.uid,
      path: target,
      bytes: written.size,
      sha256: written.sha256,
      replaced: existing !== null,
      audioId: report.audioId,
      chapterCount: report.chapters.length,
      durationSeconds: report.durationSeconds,
    };
  } catch (error) {
    await undoWrite(temp, newFolder ? folder : null, content);
    if (signal?.aborted) throw cancelledOnCard();
    throw await asTonieSdError(error, sdRoot);
  }
}

/** The file's report, or a `bad-taf` error naming what is wrong with it. */
async function checkedTaf(tafPath: string): Promise<TafReport> {
  const fitness = await tafFitness(tafPath, 'so nothing was written');
  if (!fitness.ok)
    throw new TonieSdError(fitness.reason === 'missing' ? 'not-found' : 'bad-taf', fitness.message);
  return fitness.report;
}

function progressCounter(
  phase: TonieWritePhase,
  total: number,
  options: TonieWriteOptions,
): (bytes: number) => void {
  let done = 0;
  return (bytes) => {
    done += bytes;
    options.onProgress?.(phase, done, total);
  };
}

async function fsyncFile(path: string): Promise<void> {
  // Why r+: Windows flushes only a handle opened for writing.
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes what this write added; errors here must not hide the one that brought us here. */
async function undoWrite(temp: string, createdFolder: string | null, content: string): Promise<void> {
  try {
    await rm(temp, { force: true });
    if (createdFolder !== null) {
      await rmdir(createdFolder);
      await fsyncDirectory(content);
    } else {
      await fsyncDirectory(join(temp, '..'));
    }
  } catch {
    // The card may be gone; a leftover copy is ignored by the box and replaced by the next write.
  }
}
