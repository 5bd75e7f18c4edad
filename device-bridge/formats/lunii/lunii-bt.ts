/**
 * `bt`, the file that ties a pack to one box (research/devices.md §1.3).
 * v2: XXTEA(device key) of the first 64 bytes of the already-ciphered `ri`, so a pack copied
 * from another box fails the firmware's check. v3: 32 bytes taken from `.md`, copied as is.
 */
import { LuniiFormatError } from './lunii-format-error';
import type { LuniiKeys } from './lunii-keys';
import { xxteaDecryptLunii, xxteaEncryptLunii } from './lunii-xxtea';

const V2_BT_SOURCE_BYTES = 0x40;

export function computeBt(cipheredRi: Uint8Array, keys: LuniiKeys): Uint8Array {
  if (keys.kind === 'v3') return Uint8Array.from(keys.bt);
  const head = cipheredRi.subarray(0, Math.min(V2_BT_SOURCE_BYTES, cipheredRi.length));
  if (head.length < 8) {
    throw new LuniiFormatError(
      'invalid-input',
      'A v2 pack needs at least one image to bind it to the box (bt).',
    );
  }
  return xxteaEncryptLunii(head, keys.deviceKey);
}

/** Whether `bt` binds this pack to the box these keys belong to (Lunii.QT `__story_check_v2bt`). */
export function btMatches(bt: Uint8Array, cipheredRi: Uint8Array, keys: LuniiKeys): boolean {
  if (keys.kind === 'v3') return sameBytes(bt, keys.bt);
  const head = cipheredRi.subarray(0, Math.min(V2_BT_SOURCE_BYTES, cipheredRi.length));
  return head.length >= 8 && sameBytes(xxteaDecryptLunii(bt, keys.deviceKey), head);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
