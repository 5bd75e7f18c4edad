/**
 * Hides a pack from the box's menu and from Luniistore sync (which deletes packs it does not
 * know), or shows it again, the way Lunii.QT does: the pack moves between `.pi` +
 * `.content/` and `.pi.hidden` + `.content.hidden/` (research/devices.md §1.2, §1.7 item 4).
 *
 * Order of steps, in both directions: leave the old list, move the folder (one rename), join
 * the new list. So a listed pack always has its folder, and a crash between steps is finished
 * by repair from the journal.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { contentDir, packDir, TEMP_FOLDER_PREFIX } from '../devices/lunii-layout';
import { normalizePackUuid, packFolderName } from '../devices/pack-index';
import { readPackIndex } from '../devices/pack-index-file';
import { readPackLists, requireBox } from './box-state';
import { backupBoxOnce } from './device-backup';
import { fsyncDirectory } from './durable-file';
import { faultPoint } from './fault-point';
import { flushFilesystem } from './filesystem-flush';
import { exists } from './pack-commit';
import { writePackIndex } from './pack-index-writer';
import { asTransferError, TransferError } from './transfer-error';
import { clearJournal, ensureNoJournal, newJournal, writeJournal } from './transfer-journal';
import type { TransferOptions } from './transfer-options';

export interface HideResult {
  uuid: string;
  hidden: boolean;
  changed: boolean;
  safeToUnplug: boolean;
}

/** Night mode is a per-pack switch like hiding; it lives in night-mode.ts. */
export { setNightMode } from './night-mode';

export function setPackHidden(
  root: string,
  uuid: string,
  hidden: boolean,
  options: TransferOptions,
): Promise<HideResult> {
  return movePack(root, uuid, hidden, options);
}

export function hidePack(root: string, uuid: string, options: TransferOptions): Promise<HideResult> {
  return movePack(root, uuid, true, options);
}

export function unhidePack(root: string, uuid: string, options: TransferOptions): Promise<HideResult> {
  return movePack(root, uuid, false, options);
}

async function movePack(
  root: string,
  raw: string,
  toHidden: boolean,
  options: TransferOptions,
): Promise<HideResult> {
  try {
    await requireBox(root);
    await ensureNoJournal(root);
    const uuid = toUuid(raw);
    const { visible, hidden } = await readPackLists(root);
    const [from, to] = toHidden ? [visible, hidden] : [hidden, visible];
    if (to.includes(uuid) && !from.includes(uuid))
      return { uuid, hidden: toHidden, changed: false, safeToUnplug: true };
    if (!from.includes(uuid))
      throw new TransferError('not-found', `Pack ${packFolderName(uuid)} is not on this box.`);
    if (!(await exists(packDir(root, uuid, !toHidden)))) {
      throw new TransferError(
        'not-found',
        `Pack ${packFolderName(uuid)} is listed but its folder is missing; repair the box to clean its list.`,
      );
    }
    if (options.signal?.aborted) throw new TransferError('cancelled', 'Cancelled; the box is as it was.');
    await backupBoxOnce(root, options.dataDir);
    await writeJournal(root, newJournal({ op: 'move', uuid, toHidden }));
    await finishMove(root, uuid, toHidden);
    await flushFilesystem(root);
    await clearJournal(root);
    options.onProgress?.(1, 1);
    return { uuid, hidden: toHidden, changed: true, safeToUnplug: true };
  } catch (error) {
    throw await asTransferError(error, root);
  }
}

/** Each step may already be done (after a crash); running it again ends in the same place. */
export async function finishMove(root: string, uuid: string, toHidden: boolean): Promise<void> {
  const fromList = await readPackIndex(root, !toHidden);
  if (fromList.includes(uuid)) {
    await writePackIndex(
      root,
      !toHidden,
      fromList.filter((entry) => entry !== uuid),
    );
  }
  const source = packDir(root, uuid, !toHidden);
  const target = packDir(root, uuid, toHidden);
  if (await exists(source)) {
    const targetParent = contentDir(root, toHidden);
    await mkdir(targetParent, { recursive: true });
    // A folder of the same name already there (a lost copy) is moved aside, then deleted.
    const aside = join(targetParent, `${TEMP_FOLDER_PREFIX}old-${packFolderName(uuid)}`);
    const hadStray = await exists(target);
    if (hadStray) {
      await rm(aside, { recursive: true, force: true });
      await rename(target, aside);
    }
    await rename(source, target);
    await fsyncDirectory(contentDir(root, !toHidden));
    await fsyncDirectory(targetParent);
    faultPoint('pack-moved');
    if (hadStray) await rm(aside, { recursive: true, force: true });
  }
  if (await exists(target)) {
    const toList = await readPackIndex(root, toHidden);
    if (!toList.includes(uuid)) await writePackIndex(root, toHidden, [...toList, uuid]);
  }
}

function toUuid(raw: string): string {
  try {
    return normalizePackUuid(raw);
  } catch (error) {
    throw new TransferError('invalid-request', (error as Error).message, { cause: error });
  }
}
