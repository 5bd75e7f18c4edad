/**
 * A fake of the `usb` package's hotplug emitter, for tests on machines with no USB bus: it
 * emits the same `attach`/`detach` events with a device descriptor, and can misbehave.
 */
import { EventEmitter } from 'node:events';

import type { UsbEventSource } from './usb-hotplug';

export class FakeUsbHotplug extends EventEmitter implements UsbEventSource {
  plug(vendorId: number, productId: number): void {
    this.emit('attach', { deviceDescriptor: { idVendor: vendorId, idProduct: productId } });
  }

  unplug(vendorId: number, productId: number): void {
    this.emit('detach', { deviceDescriptor: { idVendor: vendorId, idProduct: productId } });
  }

  /** A device libusb could not describe. */
  plugGarbage(): void {
    this.emit('attach', null);
  }
}
