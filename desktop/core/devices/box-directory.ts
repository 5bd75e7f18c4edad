/**
 * The boxes plugged in now: mounted volumes with a Lunii's `.md` at their root (drivelist and
 * the mount table, in device-bridge/devices), plus folders the user pointed at (an SD card
 * reader, a copy of a box). Each is described from its `.md` and pack list only, not by opening
 * the box (which sizes every pack folder): the Boxes page asks every few seconds. A box whose
 * firmware we cannot write to is listed with the reason.
 */
import { readBoxMetadata } from '../../../device-bridge/devices/box-metadata';
import { readPackIndex } from '../../../device-bridge/devices/pack-index-file';
import { findLuniiBoxes, freeSpace } from '../../../device-bridge/devices/volume-scan';

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
        const [{ metadata }, packs, space] = await Promise.all([
          readBoxMetadata(root),
          readPackIndex(root, false),
          freeSpace(root),
        ]);
        return {
          root,
          brand: 'lunii',
          family: metadata.family,
          firmware: metadata.firmware,
          serial: metadata.serial,
          freeBytes: space.freeBytes ?? 0,
          totalBytes: space.totalBytes ?? 0,
          packCount: packs.length,
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
