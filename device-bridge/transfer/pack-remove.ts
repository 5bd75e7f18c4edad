/**
 * Removes packs from a Lunii. The pack list is rewritten first (durably), so the box stops
 * offering a pack before a byte of it is deleted; then its folder is renamed to a
 * `.talemo-tmp-del-` name (one atomic step, so a half-deleted pack never looks like a pack)
 * and deleted. A journal on the box lets repair finish a removal cut off half-way.
 */
import { rename, rm } from 'node:fs/promises';

import { contentDir, packDir } from '../devices/lunii-layout';
import { normalizePackUuid, packFolderName } from '../devices/pack-index';
import { folderSize } from '../devices/folder-size';
import { readPackLists, requireBox } from './box-state';
import { backupBoxOnce } from './device-backup';
import { fsyncDirectory } from './durable-file';
import { faultPoint } from './fault-point';
import { flushFilesystem } from './filesystem-flush';
import { doomedPackDir, exists } from './pack-commit';
import { writePackIndex } from './pack-index-writer';
import { asTransferError, TransferError } from './transfer-error';
import { clearJournal, ensureNoJournal, newJournal, writeJournal } from './transfer-journal';
import type { TransferOptions } from './transfer-options';

export interface RemoveResult {
  removed: string[];
  freedBytes: number;
  safeToUnplug: boolean;
}

export async function removePacks(
  root: string,
  uuids: readonly string[],
  options: TransferOptions,
): Promise<RemoveResult> {
  try {
    await requireBox(root);
    await ensureNoJournal(root);
    const { visible, hidden } = await readPackLists(root);
    const targets = [...new Set(uuids.map(toUuid))].map((uuid) => {
      if (visible.includes(uuid)) return { uuid, hidden: false };
      if (hidden.includes(uuid)) return { uuid, hidden: true };
      throw new TransferError('not-found', `Pack ${packFolderName(uuid)} is not on this box.`);
    });
    if (options.signal?.aborted)
      throw new TransferError('cancelled', 'The removal was cancelled; the box is as it was.');
    const sizes = await Promise.all(
      targets.map(async ({ uuid, hidden: inHidden }) => {
        const dir = packDir(root, uuid, inHidden);
        return (await exists(dir)) ? (await folderSize(dir)).bytes : 0;
      }),
    );
    await backupBoxOnce(root, options.dataDir);
    await writeJournal(root, newJournal({ op: 'remove', packs: targets }));
    // Why no cancel after this point: the journal is written, and repair would finish it anyway.
    const freedBytes = sizes.reduce((sum, size) => sum + size, 0);
    let done = 0;
    await finishRemoval(root, targets, (uuid) => {
      done += sizes[targets.findIndex((target) => target.uuid === uuid)] ?? 0;
      options.onProgress?.(done, freedBytes);
    });
    await flushFilesystem(root, [], { removedFrom: [contentDir(root, false), contentDir(root, true)] });
    await clearJournal(root);
    return { removed: targets.map((target) => target.uuid), freedBytes, safeToUnplug: true };
  } catch (error) {
    throw await asTransferError(error, root);
  }
}

/** Each step may already be done (after a crash); running it again ends in the same place. */
export async function finishRemoval(
  root: string,
  targets: readonly { uuid: string; hidden: boolean }[],
  onPackRemoved: (uuid: string) => void = () => {},
): Promise<void> {
  const gone = new Set(targets.map((target) => target.uuid));
  const { visible, hidden } = await readPackLists(root);
  if (visible.some((uuid) => gone.has(uuid))) {
    await writePackIndex(
      root,
      false,
      visible.filter((uuid) => !gone.has(uuid)),
    );
  }
  if (hidden.some((uuid) => gone.has(uuid))) {
    await writePackIndex(
      root,
      true,
      hidden.filter((uuid) => !gone.has(uuid)),
    );
  }
  for (const { uuid, hidden: inHidden } of targets) {
    const dir = packDir(root, uuid, inHidden);
    const doomed = doomedPackDir(root, uuid, inHidden);
    if (await exists(dir)) {
      await rm(doomed, { recursive: true, force: true });
      await rename(dir, doomed);
      await fsyncDirectory(contentDir(root, inHidden));
      faultPoint('pack-folder-doomed');
    }
    await rm(doomed, { recursive: true, force: true });
    await fsyncDirectory(contentDir(root, inHidden));
    faultPoint('pack-folder-deleted');
    onPackRemoved(uuid);
  }
}

function toUuid(raw: string): string {
  try {
    return normalizePackUuid(raw);
  } catch (error) {
    throw new TransferError('invalid-request', (error as Error).message, { cause: error });
  }
}

/** One pack; see `removePacks`. */
export function removePack(root: string, uuid: string, options: TransferOptions): Promise<RemoveResult> {
  return removePacks(root, [uuid], options);
}
