/**
 * Turns a pack's night mode on or off: an empty `nm` file in the pack folder says the pack
 * offers it (research/devices.md §1.2 "nm"). Created through a temp file and a rename, removed
 * with a folder fsync, so the box sees it there or not, never half.
 */
import { join } from 'node:path';

import { NIGHT_MODE_FILE, packDir } from '../devices/lunii-layout';
import { normalizePackUuid, packFolderName } from '../devices/pack-index';
import { readPackLists, requireBox } from './box-state';
import { backupBoxOnce } from './device-backup';
import { removeFileDurable, writeFileDurable } from './durable-file';
import { flushFilesystem } from './filesystem-flush';
import { exists } from './pack-commit';
import { asTransferError, TransferError } from './transfer-error';
import { ensureNoJournal } from './transfer-journal';
import type { TransferOptions } from './transfer-options';

export interface NightModeResult {
  uuid: string;
  nightMode: boolean;
  changed: boolean;
  safeToUnplug: boolean;
}

export async function setNightMode(
  root: string,
  raw: string,
  on: boolean,
  options: TransferOptions,
): Promise<NightModeResult> {
  try {
    await requireBox(root);
    await ensureNoJournal(root);
    let uuid: string;
    try {
      uuid = normalizePackUuid(raw);
    } catch (error) {
      throw new TransferError('invalid-request', (error as Error).message, { cause: error });
    }
    const { visible, hidden } = await readPackLists(root);
    const inHidden = !visible.includes(uuid) && hidden.includes(uuid);
    const dir = packDir(root, uuid, inHidden);
    if ((!visible.includes(uuid) && !inHidden) || !(await exists(dir))) {
      throw new TransferError('not-found', `Pack ${packFolderName(uuid)} is not on this box.`);
    }
    const marker = join(dir, NIGHT_MODE_FILE);
    const was = await exists(marker);
    if (was === on) return { uuid, nightMode: on, changed: false, safeToUnplug: true };
    await backupBoxOnce(root, options.dataDir);
    if (on) await writeFileDurable(marker, new Uint8Array(0));
    else await removeFileDurable(marker);
    await flushFilesystem(root);
    options.onProgress?.(1, 1);
    return { uuid, nightMode: on, changed: true, safeToUnplug: true };
  } catch (error) {
    throw await asTransferError(error, root);
  }
}
