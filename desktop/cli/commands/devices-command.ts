/**
 * `talemo devices [--folder <dir>…] [--json]`: the boxes plugged in now (mounted volumes with a
 * Lunii's `.md` at their root), plus folders named with --folder (an SD card reader, a copy).
 */
import { resolve } from 'node:path';

import { listBoxes } from '../../core/devices/box-directory';
import { UsageError, type CliCommand } from '../cli-command';

export const devicesCommand: CliCommand = {
  name: 'devices',
  usage: 'talemo devices [--folder <dir>]… [--json]',
  summary: 'the boxes plugged in now',
  options: { folder: { type: 'string', multiple: true } },
  async run(context) {
    if (context.positionals.length > 0)
      throw new UsageError('devices takes no arguments (use --folder <dir>)');
    const folders = ((context.values.folder as string[] | undefined) ?? []).map((folder) => resolve(folder));
    const boxes = await listBoxes(folders);
    if (context.json) return context.out(JSON.stringify(boxes, null, 2));
    if (boxes.length === 0)
      return context.out('No box found. Plug a box in (and unlock it), or name its folder with --folder.');
    for (const box of boxes)
      context.out(
        box.problem
          ? `${box.root}: Lunii, cannot be used: ${box.problem}`
          : `${box.root}: Lunii ${box.family}, firmware ${box.firmware}, ${box.packCount} pack${box.packCount === 1 ? '' : 's'}, ${(box.freeBytes / 1e6).toFixed(0)} MB free`,
      );
  },
};
