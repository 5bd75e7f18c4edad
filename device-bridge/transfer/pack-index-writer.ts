/**
 * Replaces `.pi` (or `.pi.hidden`) durably: `.pi.talemo-new` is written and fsynced, renamed
 * over the index, then the root folder is fsynced. The box reads either the old list or the
 * new one, never a torn one. (STUdio also writes a new file first, because Windows will not
 * modify a hidden file in place: research/devices.md §1.2 ".pi".)
 */
import { packIndexPath } from '../devices/lunii-layout';
import { serializePackIndex } from '../devices/pack-index';
import { writeFileDurable } from './durable-file';
import { faultPoint } from './fault-point';

export async function writePackIndex(root: string, hidden: boolean, uuids: readonly string[]): Promise<void> {
  await writeFileDurable(packIndexPath(root, hidden), serializePackIndex(uuids));
  faultPoint(hidden ? 'hidden-index-written' : 'index-written');
}
