import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeFakeLuniiDevice } from '../formats/lunii/fake-lunii-device';
import { FakeUsbHotplug } from './fake-usb-hotplug';
import { readMountTable } from './mount-table';
import { subscribeUsbHotplug, type UsbHint } from './usb-hotplug';
import { findLuniiBoxes, listVolumes, watchBoxes, type DetectedBox } from './volume-scan';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'talemo-scan-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (check()) return resolve();
      if (Date.now() - started > ms) return reject(new Error('timed out waiting'));
      setTimeout(tick, 10);
    };
    tick();
  });
}

describe('listVolumes', () => {
  it.runIf(process.platform === 'linux')('joins drivelist with the mount table and statfs', async () => {
    const volumes = await listVolumes();
    const table = await readMountTable();
    expect(volumes.length).toBeGreaterThan(0);
    for (const volume of volumes) {
      const mount = table.filter((entry) => entry.mountPoint === volume.mountPath).pop();
      expect(volume.fsType).toBe(mount?.fsType ?? null);
      expect(volume.totalBytes).toBeGreaterThan(0);
      expect(volume.freeBytes).toBeLessThanOrEqual(volume.totalBytes!);
    }
  });
});

describe('findLuniiBoxes', () => {
  it('finds a folder with a .md among extra roots, and ignores a plain folder', async () => {
    const box = join(work, 'find', 'box');
    await makeFakeLuniiDevice(box, { family: 'v3', seed: 1 });
    const boxes = await findLuniiBoxes({ extraRoots: [box, join(work, 'find'), join(work, 'nowhere')] });
    expect(boxes.map((found) => [found.root, found.source])).toEqual([[box, 'folder']]);
  });
});

describe('watchBoxes', () => {
  it('reports a box appearing and leaving', async () => {
    const box = join(work, 'watch', 'box');
    const appeared: DetectedBox[] = [];
    const left: string[] = [];
    const watcher = watchBoxes({
      intervalMs: 20,
      extraRoots: [box],
      onAppear: (found) => appeared.push(found),
      onLeave: (root) => left.push(root),
      usbSource: new FakeUsbHotplug(),
    });
    try {
      await makeFakeLuniiDevice(box, { family: 'v2', seed: 2 });
      await waitFor(() => appeared.length === 1);
      await rm(box, { recursive: true });
      await waitFor(() => left.length === 1);
      expect(left).toEqual([box]);
      expect(appeared.map((found) => found.root)).toEqual([box]);
    } finally {
      watcher.stop();
    }
  });

  it('rescans at once on a USB plug, long before the next poll, and survives a bad event', async () => {
    const box = join(work, 'usb', 'box');
    const usb = new FakeUsbHotplug();
    const appeared: DetectedBox[] = [];
    const hints: UsbHint[] = [];
    const errors: unknown[] = [];
    const watcher = watchBoxes({
      intervalMs: 60 * 60 * 1000,
      extraRoots: [box],
      onAppear: (found) => appeared.push(found),
      onLeave: () => {},
      onUsbHint: (hint) => {
        hints.push(hint);
        if (hint.vendorId === 0xdead) throw new Error('a listener that throws');
      },
      onError: (error) => errors.push(error),
      usbSource: usb,
      usbFollowUps: 0,
    });
    try {
      await watcher.rescan();
      expect(appeared).toEqual([]);
      await makeFakeLuniiDevice(box, { family: 'v2', seed: 3 });
      usb.plugGarbage();
      usb.plug(0xdead, 0xbeef);
      usb.plug(0x0483, 0xa341);
      await waitFor(() => appeared.length === 1);
      expect(hints.map((hint) => hint.lunii?.model ?? null)).toEqual([null, null, 'Lunii v2 or v3']);
      expect(errors).toHaveLength(1);
    } finally {
      watcher.stop();
    }
    // Stopped: events no longer reach the watcher.
    usb.plug(0x0483, 0xa341);
    expect(hints).toHaveLength(3);
  });

  it('does not load libusb where Linux has no USB bus', () => {
    const errors: unknown[] = [];
    const stop = subscribeUsbHotplug(() => {}, {
      sysUsbPath: join(work, 'no-such-sysfs'),
      onError: (e) => errors.push(e),
    });
    stop();
    expect(errors).toEqual([]);
  });
});
