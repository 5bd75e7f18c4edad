/** A box as a parent calls it: "Lunii v2". */
import { strings } from '../strings';

export function boxName(box: { brand: string; family: string }): string {
  return strings.devices.boxName(strings.devices.brands[box.brand] ?? box.brand, box.family);
}
