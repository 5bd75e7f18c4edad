/**
 * Installs compiled packs on a Lunii so that nothing half written is ever visible to the box:
 * each pack is copied into `.content/.talemo-tmp-<FOLDER>/` (hashing while writing), flushed,
 * read back and compared with the source's SHA-256, renamed to `.content/<FOLDER>`, and only
 * then listed in `.pi` (replaced durably). `.pi` is updated after each pack, and a journal on
 * the box records each pack's progress, so a run cut off by a crash or a pulled cable is
 * finished by `resumeInterrupted` (given the same sources) or made clean by `repairBox`.
 *
 * Progress counts bytes written plus bytes read back (the total is twice the packs' size).
 * Cancelling removes the pack being copied and keeps the ones already finished.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { contentDir, packDir } from '../devices/lunii-layout';
import { normalizePackUuid, packFolderName } from '../devices/pack-index';
import { backupBoxOnce } from './device-backup';
import { checkFile, copyBuffers, copyFileChecked, type CopyBuffers } from './durable-file';
import { faultPoint } from './fault-point';
import { flushFilesystem } from './filesystem-flush';
import { ensureFreeSpace } from './free-space-check';
import { listPack, matchesManifest, moveIntoPlace, tempPackDir } from './pack-commit';
import { listPackFiles, type PackFiles } from './pack-source';
import { readPackLists, requireBox } from './box-state';
import { asTransferError, cancelledError, TransferError } from './transfer-error';
import {
  clearJournal,
  ensureNoJournal,
  newJournal,
  readJournal,
  writeJournal,
  type InstallEntry,
  type InstallJournal,
  type ManifestFile,
} from './transfer-journal';
import type { TransferOptions } from './transfer-options';

const FILES_IN_FLIGHT = 4;

export interface PackSource {
  uuid: string;
  /** A compiled pack folder (`ni`, `li`, `ri`, `si`, `bt`, `rf/`, `sf/`…). */
  sourceDir: string;
}

export interface InstallResult {
  /** Installed by this call, in order. */
  installed: string[];
  /** On resume: packs the interrupted run had already finished. */
  alreadyDone: string[];
  bytesWritten: number;
  /** True once everything is flushed to the box's disk. */
  safeToUnplug: boolean;
}

export async function installPacks(
  root: string,
  packs: readonly PackSource[],
  options: TransferOptions,
): Promise<InstallResult> {
  try {
    await requireBox(root);
    const uuids = uniqueUuids(packs.map((pack) => pack.uuid));
    await ensureNoJournal(root);
    const sources = await Promise.all(packs.map((pack, i) => listPackFiles(uuids[i]!, pack.sourceDir)));
    await refuseInstalled(root, uuids);
    await ensureFreeSpace(root, sources);
    await backupBoxOnce(root, options.dataDir);
    const journal = newJournal({ op: 'install', packs: uuids.map((uuid) => ({ uuid, state: 'pending' })) });
    await writeJournal(root, journal);
    return await runInstall(root, journal as InstallJournal, sources, [], options);
  } catch (error) {
    throw await asTransferError(error, root);
  }
}

export interface ResumeOptions extends TransferOptions {
  /** The same packs the interrupted run was given (extra ones are ignored). */
  sources: readonly PackSource[];
}

/**
 * Finishes an install that was cut off: packs already listed stay, a pack copied and verified
 * is checked again and committed, the pack that was being copied is copied again from the
 * start, and the rest follow. Nothing to resume: an empty result.
 */
export async function resumeInterrupted(root: string, options: ResumeOptions): Promise<InstallResult> {
  try {
    await requireBox(root);
    const read = await readJournal(root);
    if (read.kind === 'none') return { installed: [], alreadyDone: [], bytesWritten: 0, safeToUnplug: true };
    if (read.kind === 'damaged' || read.journal.op !== 'install') {
      throw new TransferError(
        'interrupted',
        'The interrupted operation on this box was not an install; repair the box to finish it.',
      );
    }
    const journal = read.journal;
    await backupBoxOnce(root, options.dataDir);
    const alreadyDone = await settleEntries(root, journal, options.signal);
    await writeJournal(root, journal);
    const remaining = journal.packs.filter((entry) => entry.state !== 'done');
    const byUuid = new Map(
      options.sources.map((source) => [normalizePackUuid(source.uuid), source.sourceDir]),
    );
    const sources: PackFiles[] = [];
    for (const entry of remaining) {
      const sourceDir = byUuid.get(entry.uuid);
      if (!sourceDir) {
        throw new TransferError(
          'not-found',
          `To finish the interrupted install, Talemo needs pack ${entry.uuid} again; it was not given.`,
        );
      }
      sources.push(await listPackFiles(entry.uuid, sourceDir));
    }
    await ensureFreeSpace(root, sources);
    return await runInstall(root, journal, sources, alreadyDone, options);
  } catch (error) {
    throw await asTransferError(error, root);
  }
}

/**
 * Brings each journal entry to `done` (listed, or verified and now committed) or `pending`
 * (its partial copy removed). Shared with repair, which then drops the pending ones.
 */
export async function settleEntries(
  root: string,
  journal: InstallJournal,
  signal?: AbortSignal,
): Promise<string[]> {
  const listed = new Set((await readPackLists(root)).visible);
  const done: string[] = [];
  for (const entry of journal.packs) {
    if (entry.state !== 'done' && listed.has(entry.uuid)) entry.state = 'done';
    if (entry.state === 'verified' && (await commitVerified(root, entry, signal))) entry.state = 'done';
    if (entry.state === 'done') {
      done.push(entry.uuid);
      continue;
    }
    await rm(tempPackDir(root, entry.uuid), { recursive: true, force: true });
    entry.state = 'pending';
    delete entry.files;
  }
  return done;
}

/** Commits a pack the journal says was verified, if its folder still matches. */
async function commitVerified(root: string, entry: InstallEntry, signal?: AbortSignal): Promise<boolean> {
  const files = entry.files ?? [];
  if (await matchesManifest(tempPackDir(root, entry.uuid), files, signal)) {
    await moveIntoPlace(root, entry.uuid);
  } else if (!(await matchesManifest(packDir(root, entry.uuid, false), files, signal))) {
    return false;
  }
  await listPack(root, entry.uuid);
  return true;
}

async function runInstall(
  root: string,
  journal: InstallJournal,
  sources: readonly PackFiles[],
  alreadyDone: string[],
  options: TransferOptions,
): Promise<InstallResult> {
  const totalBytes = 2 * sources.reduce((sum, pack) => sum + pack.bytes, 0);
  let doneBytes = 0;
  const advance = (bytes: number): void => {
    doneBytes += bytes;
    options.onProgress?.(doneBytes, totalBytes);
  };
  const installed: string[] = [];
  for (const source of sources) {
    const entry = journal.packs.find((candidate) => candidate.uuid === source.uuid);
    if (!entry || entry.state === 'done') continue;
    try {
      if (options.signal?.aborted) throw cancelledError([]);
      await installOne(root, journal, entry, source, options.signal, advance);
      installed.push(source.uuid);
    } catch (error) {
      throw await abandon(root, journal, error, installed);
    }
  }
  await flushFilesystem(root);
  await clearJournal(root);
  return { installed, alreadyDone, bytesWritten: doneBytes / 2, safeToUnplug: true };
}

async function installOne(
  root: string,
  journal: InstallJournal,
  entry: InstallEntry,
  source: PackFiles,
  signal: AbortSignal | undefined,
  advance: (bytes: number) => void,
): Promise<void> {
  const temp = tempPackDir(root, entry.uuid);
  await mkdir(contentDir(root, false), { recursive: true });
  await rm(temp, { recursive: true, force: true });
  entry.state = 'copying';
  await writeJournal(root, journal);
  const written = await copyPack(source, temp, signal, advance);
  await flushFilesystem(
    root,
    written.map((file) => join(temp, ...file.path.split('/'))),
  );
  faultPoint('pack-flushed');
  await verifyCopy(temp, written, signal, advance);
  entry.state = 'verified';
  entry.files = written;
  await writeJournal(root, journal);
  await moveIntoPlace(root, entry.uuid);
  await listPack(root, entry.uuid);
  entry.state = 'done';
  delete entry.files;
  await writeJournal(root, journal);
}

async function copyPack(
  source: PackFiles,
  temp: string,
  signal: AbortSignal | undefined,
  advance: (bytes: number) => void,
): Promise<ManifestFile[]> {
  await mkdir(temp);
  for (const dir of source.dirs) await mkdir(join(temp, ...dir.split('/')));
  const written: ManifestFile[] = new Array(source.files.length);
  await forEachConcurrently(source.files, async (file, index, buffers) => {
    if (signal?.aborted) throw cancelledError([]);
    const copied = await copyFileChecked(file.absPath, join(temp, ...file.relPath.split('/')), {
      signal,
      onBytes: advance,
      sizeHint: file.size,
      buffers,
    });
    written[index] = { path: file.relPath, ...copied };
    faultPoint('file-copied');
  });
  return written;
}

async function verifyCopy(
  temp: string,
  written: readonly ManifestFile[],
  signal: AbortSignal | undefined,
  advance: (bytes: number) => void,
): Promise<void> {
  await forEachConcurrently(written, async (file, _index, buffers) => {
    if (signal?.aborted) throw cancelledError([]);
    const back = await checkFile(join(temp, ...file.path.split('/')), signal, buffers);
    if (back.size !== file.size || back.digest !== file.digest) {
      throw new TransferError(
        'verify-failed',
        `The box did not give back what was written to ${file.path} (${back.size} of ${file.size} bytes, ` +
          'different content). The card may be failing: the pack was not added.',
      );
    }
    advance(file.size);
  });
}

/**
 * Why several files at once: hashing runs on this thread while the reads and writes of the
 * other files run on libuv's pool, so the disk and the CPU overlap (a pack is hundreds of
 * small files). The first failure stops new work; the rest finish and the failure is thrown.
 * Each worker owns two copy buffers (2 × 4 MiB), reused for all its files.
 */
async function forEachConcurrently<T>(
  items: readonly T[],
  run: (item: T, index: number, buffers: CopyBuffers) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    // Why per worker: reused for every file, so copying allocates nothing per file.
    const buffers = copyBuffers();
    while (!failure && next < items.length) {
      const index = next++;
      try {
        await run(items[index]!, index, buffers);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILES_IN_FLIGHT, items.length) }, worker));
  if (failure) throw failure.error;
}

/**
 * After a failure or a cancel: remove the pack being copied, end the journal (finished packs
 * are already listed), flush. If the box is gone this cannot be done, and the journal stays
 * for repair on the next plug.
 */
async function abandon(
  root: string,
  journal: InstallJournal,
  error: unknown,
  installed: string[],
): Promise<unknown> {
  const mapped = await asTransferError(error, root);
  if (mapped instanceof TransferError && mapped.code === 'unplugged') {
    return new TransferError(mapped.code, mapped.message, { cause: mapped.cause, installed });
  }
  try {
    for (const entry of journal.packs) {
      if (entry.state !== 'done') await rm(tempPackDir(root, entry.uuid), { recursive: true, force: true });
    }
    await flushFilesystem(root, [], { removedFrom: [contentDir(root, false), contentDir(root, true)] });
    await clearJournal(root);
  } catch (cleanupError) {
    const cleanup = await asTransferError(cleanupError, root);
    if (cleanup instanceof TransferError && cleanup.code === 'unplugged') {
      return new TransferError(cleanup.code, cleanup.message, { cause: mapped, installed });
    }
  }
  if (mapped instanceof TransferError) {
    if (mapped.code === 'cancelled') return cancelledError(installed);
    return new TransferError(mapped.code, mapped.message, { cause: mapped.cause, installed });
  }
  return mapped;
}

function uniqueUuids(uuids: readonly string[]): string[] {
  const seen = new Set<string>();
  return uuids.map((raw) => {
    let uuid: string;
    try {
      uuid = normalizePackUuid(raw);
    } catch (error) {
      throw new TransferError('invalid-request', (error as Error).message, { cause: error });
    }
    if (seen.has(uuid)) throw new TransferError('invalid-request', `Pack ${uuid} was given twice.`);
    seen.add(uuid);
    return uuid;
  });
}

async function refuseInstalled(root: string, uuids: readonly string[]): Promise<void> {
  const { visible, hidden } = await readPackLists(root);
  for (const uuid of uuids) {
    if (visible.includes(uuid) || hidden.includes(uuid)) {
      throw new TransferError(
        'already-installed',
        `Pack ${packFolderName(uuid)} is already on the box${hidden.includes(uuid) ? ' (hidden)' : ''}. ` +
          'Remove it first to install it again.',
      );
    }
  }
}
