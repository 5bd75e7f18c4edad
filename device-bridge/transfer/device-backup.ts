/**
 * Backups of a box's small, precious files, taken on the laptop before Talemo first changes
 * the box in a session: `.md`, `.pi` and `.pi.hidden` go to
 * `<dataDir>/devices/<serial>/backup-<timestamp>/`. Restoring `.pi` is the rollback for a
 * pack list gone wrong.
 *
 * The first `.md` of each metadata version is also kept (`first-seen.v<N>.md`), as Lunii.QT
 * does: a firmware update can rewrite `.md` in a version we cannot read, and the old copy
 * still holds the keys (research/devices.md §1.2 ".md", §1.7 item 1).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { readBoxMetadataBytes } from '../devices/box-metadata';
import { BOX_FILE_LIMITS, readFileCapped } from '../devices/capped-read';
import {
  HIDDEN_PACK_INDEX_FILE,
  LUNII_METADATA_FILE,
  PACK_INDEX_FILE,
  packDir,
} from '../devices/lunii-layout';
import { wholeEntries } from '../devices/pack-index';
import { parseLuniiMetadata } from '../formats/lunii/lunii-metadata';
import { fsyncDirectory, writeFileDurable } from './durable-file';
import { flushFilesystem } from './filesystem-flush';
import { writePackIndex } from './pack-index-writer';
import { TransferError } from './transfer-error';
import { ensureNoJournal } from './transfer-journal';
import type { TransferOptions } from './transfer-options';

const BACKED_UP_FILES = [LUNII_METADATA_FILE, PACK_INDEX_FILE, HIDDEN_PACK_INDEX_FILE];
const BACKUP_PREFIX = 'backup-';

export interface BackupInfo {
  id: string;
  dir: string;
  serial: string;
  createdAt: Date;
  /** Which of `.md`, `.pi`, `.pi.hidden` the box had. */
  files: string[];
}

/** Boxes already backed up by this process ("the session"), by data folder and serial. */
const backedUpThisSession = new Map<string, BackupInfo>();

/** A backup before the first change in this session; later calls return the same one. */
export async function backupBoxOnce(root: string, dataDir: string): Promise<BackupInfo> {
  const serial = serialOf(await readBoxMetadataBytes(root));
  const key = `${resolve(dataDir)}\0${serial}`;
  const done = backedUpThisSession.get(key);
  if (done) return done;
  const backup = await backupBox(root, dataDir);
  backedUpThisSession.set(key, backup);
  return backup;
}

/** A new backup now. Written to a `.partial` folder and renamed, so a listed backup is whole. */
export async function backupBox(root: string, dataDir: string): Promise<BackupInfo> {
  const md = await readBoxMetadataBytes(root);
  const serial = serialOf(md);
  const boxDir = join(dataDir, 'devices', serial);
  await mkdir(boxDir, { recursive: true });
  await keepFirstSeenMetadata(boxDir, md);
  const createdAt = new Date();
  const id = await freeBackupId(boxDir, createdAt);
  const partial = join(boxDir, `.${id}.partial`);
  await mkdir(partial, { recursive: true });
  const files: string[] = [];
  for (const name of BACKED_UP_FILES) {
    const bytes = await readIfPresent(join(root, name));
    if (!bytes) continue;
    await writeFileDurable(join(partial, name), bytes);
    files.push(name);
  }
  const dir = join(boxDir, id);
  await rename(partial, dir);
  await fsyncDirectory(boxDir);
  return { id, dir, serial, createdAt, files };
}

export async function listBackups(dataDir: string, serial: string): Promise<BackupInfo[]> {
  const boxDir = join(dataDir, 'devices', safeName(serial));
  let names: string[];
  try {
    names = await readdir(boxDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const backups: BackupInfo[] = [];
  for (const id of names.filter((name) => name.startsWith(BACKUP_PREFIX))) {
    const dir = join(boxDir, id);
    const files = (await readdir(dir)).filter((name) => BACKED_UP_FILES.includes(name));
    backups.push({ id, dir, serial: safeName(serial), createdAt: (await stat(dir)).mtime, files });
  }
  // Why by id: the id is an ISO timestamp, and folder times change when a folder is copied.
  return backups.sort((a, b) => (a.id < b.id ? 1 : -1));
}

export interface RestoreResult {
  /** The backup of the box as it was just before the restore (so the restore can be undone). */
  before: BackupInfo;
  packs: string[];
  hiddenPacks: string[];
  /** Entries of the backup whose pack folder is no longer on the box; left out. */
  dropped: string[];
}

/**
 * Puts back `.pi` (and `.pi.hidden`) from a backup of this box. `.md` is never written: it is
 * the box's own. Entries whose folder is gone are left out, since a listed pack without its
 * folder breaks the box's menu.
 */
export async function restoreBackup(
  root: string,
  backupId: string,
  options: TransferOptions,
): Promise<RestoreResult> {
  await ensureNoJournal(root);
  const serial = serialOf(await readBoxMetadataBytes(root));
  const dir = join(options.dataDir, 'devices', serial, backupId);
  if (!backupId.startsWith(BACKUP_PREFIX) || !(await readIfPresent(join(dir, LUNII_METADATA_FILE)))) {
    throw new TransferError('not-found', `There is no backup "${backupId}" for this box (serial ${serial}).`);
  }
  const before = await backupBox(root, options.dataDir);
  const dropped: string[] = [];
  const keep = async (name: string, hidden: boolean): Promise<string[] | undefined> => {
    const bytes = await readIfPresent(join(dir, name));
    if (!bytes) return undefined;
    const kept: string[] = [];
    for (const uuid of new Set(wholeEntries(bytes))) {
      if (await isDirectory(packDir(root, uuid, hidden))) kept.push(uuid);
      else dropped.push(uuid);
    }
    return kept;
  };
  const packs = (await keep(PACK_INDEX_FILE, false)) ?? [];
  const hiddenPacks = await keep(HIDDEN_PACK_INDEX_FILE, true);
  await writePackIndex(root, false, packs);
  if (hiddenPacks) await writePackIndex(root, true, hiddenPacks);
  await flushFilesystem(root);
  return { before, packs, hiddenPacks: hiddenPacks ?? [], dropped };
}

/** The serial a box's backups are filed under; a box whose `.md` we cannot read still gets one. */
export function serialOf(md: Uint8Array): string {
  try {
    return safeName(parseLuniiMetadata(md).serial);
  } catch {
    return `unknown-${createHash('sha256').update(md).digest('hex').slice(0, 12)}`;
  }
}

async function keepFirstSeenMetadata(boxDir: string, md: Uint8Array): Promise<void> {
  const version =
    md.length >= 2 ? new DataView(md.buffer, md.byteOffset, md.byteLength).getUint16(0, true) : 0;
  const path = join(boxDir, `first-seen.v${version}.md`);
  if (!(await readIfPresent(path))) await writeFileDurable(path, md);
}

async function freeBackupId(boxDir: string, createdAt: Date): Promise<string> {
  const stamp = createdAt.toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n += 1) {
    const id = n === 1 ? `${BACKUP_PREFIX}${stamp}` : `${BACKUP_PREFIX}${stamp}-${n}`;
    if (
      !(await readIfPresent(join(boxDir, id, LUNII_METADATA_FILE))) &&
      !(await isDirectory(join(boxDir, id)))
    ) {
      return id;
    }
  }
}

function safeName(serial: string): string {
  return serial.replace(/[^0-9A-Za-z_-]/g, '_');
}

/** A box file to back up (`.md`, `.pi`, `.pi.hidden`), capped like every read of a box's own files. */
async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    const bytes = await readFileCapped(path, BOX_FILE_LIMITS.packIndex);
    if (bytes.length > BOX_FILE_LIMITS.packIndex)
      throw new TransferError(
        'damaged-index',
        `${path} is far larger than a box's own files: it is damaged.`,
      );
    return bytes;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
