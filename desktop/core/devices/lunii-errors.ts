/**
 * The device bridge's typed errors, as the codes the UI and the CLI branch on. Their messages
 * already name the problem and the file; this only picks the code, and words the two cases
 * that start here (a pack nobody can find, a cancel).
 */
import { BoxOpenError } from '../../../device-bridge/devices/box-open-error';
import { PackIndexError } from '../../../device-bridge/devices/pack-index';
import { LuniiFormatError } from '../../../device-bridge/formats/lunii/lunii-format-error';
import { LuniiPackError } from '../../../device-bridge/formats/lunii/lunii-pack-error';
import { LuniiImageError } from '../../../device-bridge/image/lunii-image-error';
import { TransferError } from '../../../device-bridge/transfer/transfer-error';
import { TalemoError, isTalemoError, type TalemoErrorCode } from '../errors';

/** The device bridge's error codes (and BoxOpenError / PackIndexError reasons) → ours. */
const CODES: Record<string, TalemoErrorCode> = {
  'no-space': 'no-space',
  'read-only': 'read-only',
  unplugged: 'unplugged',
  'already-installed': 'conflict',
  'verify-failed': 'verify-failed',
  cancelled: 'cancelled',
  'not-found': 'not-found',
  'unsupported-metadata': 'unsupported-device',
  'not-a-lunii': 'unsupported-device',
  'damaged-index': 'invalid-pack',
  'bad-length': 'invalid-pack',
  'bad-uuid': 'invalid-pack',
  duplicate: 'invalid-pack',
  'unplayable-graph': 'invalid-input',
  'invalid-input': 'invalid-input',
  incomplete: 'invalid-pack',
  corrupt: 'invalid-pack',
  'wrong-keys': 'invalid-pack',
  'unsupported-image': 'invalid-pack',
  'corrupt-image': 'invalid-pack',
  'too-large': 'too-large',
};

const BRIDGE_ERRORS = [
  TransferError,
  LuniiFormatError,
  LuniiPackError,
  LuniiImageError,
  BoxOpenError,
  PackIndexError,
];

export function luniiErrorAsTalemoError(error: unknown, signal?: AbortSignal): unknown {
  if (isTalemoError(error)) return error;
  if (signal?.aborted)
    return new TalemoError('cancelled', 'Stopped. The box still works: nothing half-copied was left on it.');
  if (BRIDGE_ERRORS.some((type) => error instanceof type)) {
    const bridged = error as Error & { code?: string; reason?: string };
    const code = bridged.code ?? bridged.reason ?? '';
    return new TalemoError(CODES[code] ?? 'invalid-input', bridged.message, { reason: code });
  }
  const errno = (error as NodeJS.ErrnoException).code;
  if (errno === 'ENOSPC')
    return new TalemoError('no-space', 'The box is full: remove a pack or choose fewer stories.');
  if (errno === 'EROFS' || errno === 'EACCES' || errno === 'EPERM')
    return new TalemoError(
      'read-only',
      'The box cannot be written to (read-only). Unplug it, plug it back in and try again.',
    );
  if (errno === 'EIO' || errno === 'ENODEV')
    return new TalemoError(
      'unplugged',
      'The box stopped answering (unplugged?). Plug it back in: Talemo repairs it on the next look.',
    );
  return error;
}
