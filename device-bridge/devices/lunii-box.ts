/**
 * Opens a plugged Lunii: what it is, how much room is left, which packs it lists and whether
 * each one's folder is really there. Reads only, apart from the read-only probe.
 *
 * A pack listed in `.pi` without its folder is reported (`present: false`), not hidden: that
 * state made other tools unable to list packs at all (research/devices.md §1.7 item 6), and
 * `repairBox` (transfer/) drops such entries after a backup.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { LuniiMetadata } from '../formats/lunii/lunii-metadata';
import { readBoxMetadata } from './box-metadata';
import { BoxOpenError } from './box-open-error';
import { folderSize } from './folder-size';
import { contentDir, JOURNAL_FILE, NIGHT_MODE_FILE, packDir } from './lunii-layout';
import { PackIndexError, packFolderName } from './pack-index';
import { readPackIndex } from './pack-index-file';
import { probeReadOnly } from './read-only-probe';
import { freeSpace } from './volume-scan';

export interface BoxPack {
  uuid: string;
  folderName: string;
  /** Listed in `.pi.hidden` (kept out of Luniistore sync), not `.pi`. */
  hidden: boolean;
  /** The folder exists. */
  present: boolean;
  sizeBytes: number;
  nightMode: boolean;
}

export interface LuniiBox {
  root: string;
  metadata: LuniiMetadata;
  freeBytes: number;
  totalBytes: number;
  /** Visible packs in play order, then hidden ones. */
  packs: BoxPack[];
  readOnly: boolean;
  /** Pack folders on the box that no index lists (another tool's, or lost). */
  notInPackList: string[];
  /** A Talemo transfer was cut off; run repair (or resume) before writing. */
  interrupted: boolean;
}

export async function openLuniiBox(root: string): Promise<LuniiBox> {
  await mustExist(root);
  const { metadata } = await readBoxMetadata(root);
  const space = await freeSpace(root);
  const visible = await readIndex(root, false);
  const hidden = await readIndex(root, true);
  const packs = [
    ...(await Promise.all(visible.map((uuid) => describePack(root, uuid, false)))),
    ...(await Promise.all(hidden.map((uuid) => describePack(root, uuid, true)))),
  ];
  const listed = new Set(packs.map((pack) => `${pack.hidden ? 'h' : 'v'}${pack.folderName}`));
  const strays = [
    // Why upper case: FAT matches names case-blind, so `abcd1234` is the folder of pack …ABCD1234.
    ...(await packFolders(root, false)).filter((name) => !listed.has(`v${name.toUpperCase()}`)),
    ...(await packFolders(root, true)).filter((name) => !listed.has(`h${name.toUpperCase()}`)),
  ];
  return {
    root,
    metadata,
    freeBytes: space.freeBytes ?? 0,
    totalBytes: space.totalBytes ?? 0,
    packs,
    readOnly: await probeReadOnly(root),
    notInPackList: strays,
    interrupted: await exists(join(root, JOURNAL_FILE)),
  };
}

async function mustExist(root: string): Promise<void> {
  try {
    if ((await stat(root)).isDirectory()) return;
  } catch {
    // reported below
  }
  throw new BoxOpenError('not-found', `The box at ${root} is not there any more; was it unplugged?`);
}

async function readIndex(root: string, hidden: boolean): Promise<string[]> {
  try {
    return await readPackIndex(root, hidden);
  } catch (error) {
    if (error instanceof PackIndexError)
      throw new BoxOpenError('damaged-index', error.message, { cause: error });
    throw error;
  }
}

async function describePack(root: string, uuid: string, hidden: boolean): Promise<BoxPack> {
  const dir = packDir(root, uuid, hidden);
  const present = await isDirectory(dir);
  return {
    uuid,
    folderName: packFolderName(uuid),
    hidden,
    present,
    sizeBytes: present ? (await folderSize(dir)).bytes : 0,
    nightMode: present && (await exists(join(dir, NIGHT_MODE_FILE))),
  };
}

/** Folder names under `.content` (or `.content.hidden`) that could be packs: 8 hex digits. */
export async function packFolders(root: string, hidden: boolean): Promise<string[]> {
  try {
    const entries = await readdir(contentDir(root, hidden), { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && /^[0-9A-Fa-f]{8}$/.test(entry.name))
      .map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
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

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
