/**
 * USB ids of Lunii boxes, used only as a hint to rescan sooner when one is plugged in; the
 * box itself is recognised by its `/.md` (research/devices.md §1.5, from
 * o-daneel/Lunii.QT pkg/api/constants.py and marian-m12l/studio LibUsbDetectionHelper.java).
 */
export interface LuniiUsbId {
  vendorId: number;
  productId: number;
  model: string;
  /** Only mass-storage boxes show up as a disk Talemo can write to. */
  massStorage: boolean;
}

export const LUNII_USB_IDS: readonly LuniiUsbId[] = [
  { vendorId: 0x0c45, productId: 0x6820, model: 'Lunii v1 (firmware 1.x, raw USB)', massStorage: false },
  { vendorId: 0x0c45, productId: 0x6840, model: 'Lunii v1 (firmware 2.x)', massStorage: true },
  { vendorId: 0x0483, productId: 0xa341, model: 'Lunii v2 or v3', massStorage: true },
  { vendorId: 0x303a, productId: 0x819e, model: 'Lunii Flam (not supported)', massStorage: true },
];

export function findLuniiUsbId(vendorId: number, productId: number): LuniiUsbId | undefined {
  return LUNII_USB_IDS.find((id) => id.vendorId === vendorId && id.productId === productId);
}
