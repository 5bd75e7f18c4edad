/**
 * The boxes plugged in now: mounted volumes with a Lunii's `.md` at their root (drivelist and
 * the mount table, in device-bridge/devices), plus folders the user pointed at (an SD card
 * reader, a copy of a box). Each is described from its `.md` alone, which is cheap enough to
 * do on every poll; a box whose firmware we cannot write to is listed with the reason.
 */
import { openLuniiBox } from '../../../device-bridge/devices/lunii-box';
import { findLuniiBoxes } from '../../../device-bridge/devices/volume-scan';

export interface BoxSummary {
  root: string;
  brand: 'lunii';
  family: string;
  firmware: string;
  serial: string;
  freeBytes: number;
  totalBytes: number;
  packCount: number;
  problem: string | null;
}

export async function listBoxes(folders: readonly string[]): Promise<BoxSummary[]> {
  const found = await findLuniiBoxes({ extraRoots: folders });
  return Promise.all(
    found.map(async ({ root }): Promise<BoxSummary> => {
      try {
        const box = await openLuniiBox(root);
        return {
          root,
          brand: 'lunii',
          family: box.metadata.family,
          firmware: box.metadata.firmware,
          serial: box.metadata.serial,
          freeBytes: box.freeBytes,
          totalBytes: box.totalBytes,
          packCount: box.packs.filter((pack) => !pack.hidden).length,
          problem: null,
        };
      } catch (error) {
        return {
          root,
          brand: 'lunii',
          family: 'unknown',
          firmware: 'unknown',
          serial: '',
          freeBytes: 0,
          totalBytes: 0,
          packCount: 0,
          problem: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
}
