/**
 * Finds Lunii boxes among mounted volumes, and watches for them coming and going.
 *
 * Volumes come from `drivelist` (lsblk on Linux, diskutil on macOS, the volume API on
 * Windows), joined with /proc/self/mountinfo for the filesystem type and read-only flag, and
 * statfs for free space. A volume is a Lunii when its root holds a `.md` file, as Lunii.QT
 * decides (research/devices.md §1.5): USB ids are only a hint to look sooner. `extraRoots`
 * lets a plain folder act as a plugged box (tests, SD card readers, odd mounts).
 */
import { stat, statfs } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

import { LUNII_METADATA_FILE } from './lunii-layout';
import { mountFor, readMountTable } from './mount-table';
import { subscribeUsbHotplug, type UsbEventSource, type UsbHint } from './usb-hotplug';

export interface Volume {
  mountPath: string;
  /** The block device (`/dev/sdb1`, `\\.\PHYSICALDRIVE2`). */
  device: string;
  description: string;
  /** From the mount table (Linux); null where unknown. */
  fsType: string | null;
  removable: boolean;
  usb: boolean;
  system: boolean;
  readOnly: boolean;
  freeBytes: number | null;
  totalBytes: number | null;
}

export interface DetectedBox {
  root: string;
  kind: 'lunii';
  /** A mounted volume, or a folder given in `extraRoots`. */
  source: 'volume' | 'folder';
  volume?: Volume;
}

interface DrivelistDrive {
  device: string;
  description: string;
  isRemovable: boolean;
  isUSB: boolean | null;
  isSystem: boolean;
  isReadOnly: boolean;
  mountpoints: { path: string }[];
}

/** Every mounted volume drivelist reports, one entry per mount point. */
export async function listVolumes(): Promise<Volume[]> {
  const [drives, mounts] = await Promise.all([listDrives(), readMountTable()]);
  const volumes: Volume[] = [];
  for (const drive of drives) {
    for (const { path } of drive.mountpoints) {
      const mount = mountFor(mounts, path);
      const space = await freeSpace(path);
      volumes.push({
        mountPath: path,
        device: drive.device,
        description: drive.description,
        fsType: mount?.mountPoint === path ? mount.fsType : null,
        removable: drive.isRemovable,
        usb: drive.isUSB === true,
        system: drive.isSystem,
        readOnly: drive.isReadOnly || (mount?.mountPoint === path && mount.readOnly),
        ...space,
      });
    }
  }
  return volumes;
}

async function listDrives(): Promise<DrivelistDrive[]> {
  // Why lazy: drivelist is a native module; a broken binding must not stop the rest of the app.
  const drivelist = createRequire(import.meta.url)('drivelist') as { list(): Promise<DrivelistDrive[]> };
  return drivelist.list();
}

export async function freeSpace(
  path: string,
): Promise<{ freeBytes: number | null; totalBytes: number | null }> {
  try {
    const stats = await statfs(path);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    return { freeBytes: null, totalBytes: null };
  }
}

/** True when `root` holds a Lunii's `/.md` file. */
export async function looksLikeLunii(root: string): Promise<boolean> {
  try {
    return (await stat(join(root, LUNII_METADATA_FILE))).isFile();
  } catch {
    return false;
  }
}

export interface FindBoxesOptions {
  extraRoots?: readonly string[];
  /** Scan system volumes too (off: a laptop's own disk never holds a box at its root). */
  includeSystem?: boolean;
}

export async function findLuniiBoxes(options: FindBoxesOptions = {}): Promise<DetectedBox[]> {
  const boxes: DetectedBox[] = [];
  const seen = new Set<string>();
  let volumes: Volume[] = [];
  try {
    volumes = await listVolumes();
  } catch {
    // Why swallow: no drivelist (or lsblk) still leaves extraRoots working.
  }
  for (const volume of volumes) {
    if (volume.system && !options.includeSystem) continue;
    if (seen.has(volume.mountPath) || !(await looksLikeLunii(volume.mountPath))) continue;
    seen.add(volume.mountPath);
    boxes.push({ root: volume.mountPath, kind: 'lunii', source: 'volume', volume });
  }
  for (const extra of options.extraRoots ?? []) {
    const root = resolve(extra);
    if (seen.has(root) || !(await looksLikeLunii(root))) continue;
    seen.add(root);
    boxes.push({ root, kind: 'lunii', source: 'folder' });
  }
  return boxes;
}

export interface WatchBoxesOptions extends FindBoxesOptions {
  /** Poll period; default 2 s. */
  intervalMs?: number;
  onAppear: (box: DetectedBox) => void;
  onLeave: (root: string) => void;
  /** USB events seen (plugged Lunii ids included), for a "box found but no disk" hint. */
  onUsbHint?: (hint: UsbHint) => void;
  onError?: (error: unknown) => void;
  /** Stand-in for the `usb` package (tests); default: the real one where it can work. */
  usbSource?: UsbEventSource;
  sysUsbPath?: string;
  /** A box takes a moment to mount after it enumerates: rescan this often after a plug... */
  usbFollowUpMs?: number;
  /** ...this many times (STUdio polls 10 × 1 s). */
  usbFollowUps?: number;
}

export interface BoxWatcher {
  /** Scan now (serialised with the poll); resolves when the scan is done. */
  rescan(): Promise<void>;
  stop(): void;
}

export function watchBoxes(options: WatchBoxesOptions): BoxWatcher {
  const intervalMs = options.intervalMs ?? 2000;
  const report = options.onError ?? (() => {});
  const present = new Map<string, DetectedBox>();
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  const timers = new Set<NodeJS.Timeout>();

  const scanOnce = async (): Promise<void> => {
    const boxes = await findLuniiBoxes(options);
    if (stopped) return;
    const now = new Map(boxes.map((box) => [box.root, box]));
    for (const root of [...present.keys()]) {
      if (!now.has(root)) {
        present.delete(root);
        notify(() => options.onLeave(root));
      }
    }
    for (const [root, box] of now) {
      if (present.has(root)) continue;
      present.set(root, box);
      notify(() => options.onAppear(box));
    }
  };

  const notify = (call: () => void): void => {
    try {
      call();
    } catch (error) {
      report(error);
    }
  };

  // Why serialised: two overlapping scans could report the same box twice.
  const rescan = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await scanOnce();
        } catch (error) {
          report(error);
        }
      } while (again && !stopped);
      running = undefined;
    })();
    return running;
  };

  const later = (ms: number, call: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      call();
    }, ms);
    timers.add(timer);
  };

  const poll = (): void => {
    if (stopped) return;
    void rescan().then(() => later(intervalMs, poll));
  };

  const unsubscribe = subscribeUsbHotplug(
    (hint) => {
      notify(() => options.onUsbHint?.(hint));
      void rescan();
      if (hint.event === 'attach' && hint.lunii?.massStorage) {
        const step = options.usbFollowUpMs ?? 1000;
        for (let i = 1; i <= (options.usbFollowUps ?? 10); i += 1) later(step * i, () => void rescan());
      }
    },
    { source: options.usbSource, sysUsbPath: options.sysUsbPath, onError: report },
  );

  poll();
  return {
    rescan,
    stop() {
      stopped = true;
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
