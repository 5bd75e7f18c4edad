/**
 * USB plug and unplug events, only to rescan volumes sooner than the next poll. The `usb`
 * package is native and optional here: it is loaded lazily, only where it can work (on Linux
 * when /sys/bus/usb/devices exists: containers and some sandboxes have no USB bus and libusb
 * fails there), and any error it raises is reported, never thrown: detection keeps polling.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

import { findLuniiUsbId, type LuniiUsbId } from './lunii-usb-ids';

/** What we use of `usb`'s event emitter (usb 2.x `usb` export); a fake one can stand in. */
export interface UsbEventSource {
  on(event: 'attach' | 'detach', listener: (device: unknown) => void): unknown;
  removeListener(event: 'attach' | 'detach', listener: (device: unknown) => void): unknown;
  unrefHotplugEvents?: () => void;
}

export interface UsbHint {
  event: 'attach' | 'detach';
  vendorId?: number;
  productId?: number;
  /** Set when the ids are a Lunii's (lunii-usb-ids.ts). */
  lunii?: LuniiUsbId;
}

export interface UsbHotplugOptions {
  /** Defaults to the real `usb` package where it can work. */
  source?: UsbEventSource;
  /** Where Linux lists USB devices; without it, no hotplug. */
  sysUsbPath?: string;
  onError?: (error: unknown) => void;
}

const SYS_USB_DEVICES = '/sys/bus/usb/devices';

/** Calls `onHint` on every plug/unplug; returns the function that stops listening. */
export function subscribeUsbHotplug(
  onHint: (hint: UsbHint) => void,
  options: UsbHotplugOptions = {},
): () => void {
  const report = options.onError ?? (() => {});
  const source = options.source ?? loadUsb(options.sysUsbPath ?? SYS_USB_DEVICES, report);
  if (!source) return () => {};
  const listeners = (['attach', 'detach'] as const).map((event) => {
    const listener = (device: unknown): void => {
      try {
        onHint({ event, ...usbIds(device) });
      } catch (error) {
        report(error);
      }
    };
    return { event, listener };
  });
  try {
    for (const { event, listener } of listeners) source.on(event, listener);
    // Why: listening must not keep a CLI or a test process alive.
    source.unrefHotplugEvents?.();
  } catch (error) {
    report(error);
  }
  return () => {
    for (const { event, listener } of listeners) {
      try {
        source.removeListener(event, listener);
      } catch (error) {
        report(error);
      }
    }
  };
}

function loadUsb(sysUsbPath: string, report: (error: unknown) => void): UsbEventSource | undefined {
  if (process.platform === 'linux' && !existsSync(sysUsbPath)) return undefined;
  try {
    const loaded = createRequire(import.meta.url)('usb') as { usb?: UsbEventSource };
    return loaded.usb;
  } catch (error) {
    report(error);
    return undefined;
  }
}

function usbIds(device: unknown): { vendorId?: number; productId?: number; lunii?: LuniiUsbId } {
  const descriptor = (device as { deviceDescriptor?: { idVendor?: unknown; idProduct?: unknown } } | null)
    ?.deviceDescriptor;
  const vendorId = typeof descriptor?.idVendor === 'number' ? descriptor.idVendor : undefined;
  const productId = typeof descriptor?.idProduct === 'number' ? descriptor.idProduct : undefined;
  if (vendorId === undefined || productId === undefined) return {};
  const lunii = findLuniiUsbId(vendorId, productId);
  return lunii ? { vendorId, productId, lunii } : { vendorId, productId };
}
