/**
 * Where things live on a Lunii's disk (research/devices.md §1.2), and the names Talemo adds
 * while it writes. Every name Talemo creates starts with `.talemo-` so repair can tell our
 * leftovers from folders another tool put there.
 */
import { join } from 'node:path';

import { packFolderName } from './pack-index';

export const LUNII_METADATA_FILE = '.md';
export const PACK_INDEX_FILE = '.pi';
/** Lunii.QT's convention for packs kept out of Luniistore sync. */
export const HIDDEN_PACK_INDEX_FILE = '.pi.hidden';
export const CONTENT_DIR = '.content';
export const HIDDEN_CONTENT_DIR = '.content.hidden';
/** An empty file in a pack folder: the pack offers night mode. */
export const NIGHT_MODE_FILE = 'nm';

/** The running operation, kept on the box so any laptop can finish or undo it. */
export const JOURNAL_FILE = '.talemo-journal';
/** Folders being copied or deleted: `.content/.talemo-tmp-<FOLDER>`, `.talemo-tmp-del-<FOLDER>`… */
export const TEMP_FOLDER_PREFIX = '.talemo-tmp-';
/** A file being replaced: written as `<name>.talemo-new`, then renamed over `<name>`. */
export const NEW_FILE_SUFFIX = '.talemo-new';

export function packIndexPath(root: string, hidden: boolean): string {
  return join(root, hidden ? HIDDEN_PACK_INDEX_FILE : PACK_INDEX_FILE);
}

export function contentDir(root: string, hidden: boolean): string {
  return join(root, hidden ? HIDDEN_CONTENT_DIR : CONTENT_DIR);
}

export function packDir(root: string, uuid: string, hidden: boolean): string {
  return join(contentDir(root, hidden), packFolderName(uuid));
}

export function isTalemoTempName(name: string): boolean {
  return name.startsWith(TEMP_FOLDER_PREFIX) || name.endsWith(NEW_FILE_SUFFIX);
}
