/**
 * Sets the order a Lunii plays its packs in: the firmware's playlist is the `.pi` order, so
 * reordering is one durable replacement of `.pi` (research/devices.md §1.2). The new order
 * must hold exactly the packs listed now, each once.
 */
import { normalizePackUuid, packFolderName } from '../devices/pack-index';
import { readPackLists, requireBox } from './box-state';
import { backupBoxOnce } from './device-backup';
import { flushFilesystem } from './filesystem-flush';
import { writePackIndex } from './pack-index-writer';
import { asTransferError, TransferError } from './transfer-error';
import { ensureNoJournal } from './transfer-journal';
import type { TransferOptions } from './transfer-options';

export interface ReorderResult {
  order: string[];
  changed: boolean;
  safeToUnplug: boolean;
}

export async function reorderPacks(
  root: string,
  order: readonly string[],
  options: TransferOptions,
): Promise<ReorderResult> {
  try {
    await requireBox(root);
    await ensureNoJournal(root);
    const { visible } = await readPackLists(root);
    const wanted = order.map((raw) => {
      try {
        return normalizePackUuid(raw);
      } catch (error) {
        throw new TransferError('invalid-request', (error as Error).message, { cause: error });
      }
    });
    checkPermutation(visible, wanted);
    if (wanted.every((uuid, i) => visible[i] === uuid))
      return { order: wanted, changed: false, safeToUnplug: true };
    if (options.signal?.aborted)
      throw new TransferError('cancelled', 'The reordering was cancelled; the box is as it was.');
    await backupBoxOnce(root, options.dataDir);
    await writePackIndex(root, false, wanted);
    await flushFilesystem(root);
    options.onProgress?.(1, 1);
    return { order: wanted, changed: true, safeToUnplug: true };
  } catch (error) {
    throw await asTransferError(error, root);
  }
}

function checkPermutation(current: readonly string[], wanted: readonly string[]): void {
  const have = new Set(current);
  const seen = new Set<string>();
  for (const uuid of wanted) {
    if (!have.has(uuid)) throw invalid(`pack ${packFolderName(uuid)} is not on the box`);
    if (seen.has(uuid)) throw invalid(`pack ${packFolderName(uuid)} appears twice`);
    seen.add(uuid);
  }
  const missing = current.filter((uuid) => !seen.has(uuid));
  if (missing.length > 0) throw invalid(`it leaves out ${missing.map(packFolderName).join(', ')}`);
}

function invalid(why: string): TransferError {
  return new TransferError('invalid-request', `The new pack order cannot be used: ${why}.`);
}
