/**
 * The device bridge's typed errors, as the codes the UI and the CLI branch on. Their messages
 * already name the problem and the file; this only picks the code, and words the two cases
 * that start here (a pack nobody can find, a cancel).
 */
import { TalemoError, isTalemoError, type TalemoErrorCode } from '../errors';

/** Device-bridge error codes (TransferError, LuniiFormatError, LuniiPackError, LuniiImageError) → ours. */
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
  'bad-pack-index': 'invalid-pack',
  'invalid-graph': 'invalid-pack',
  incomplete: 'invalid-pack',
  corrupt: 'invalid-pack',
  'wrong-keys': 'invalid-pack',
  'unsupported-image': 'invalid-pack',
  'corrupt-image': 'invalid-pack',
  'too-large': 'too-large',
};

const BRIDGE_ERRORS = new Set([
  'TransferError',
  'LuniiFormatError',
  'LuniiPackError',
  'LuniiImageError',
  'PackIndexError',
]);

export function luniiErrorAsTalemoError(error: unknown, signal?: AbortSignal, packName?: string): unknown {
  if (isTalemoError(error)) return error;
  if (signal?.aborted)
    return new TalemoError('cancelled', 'Stopped. The box still works: nothing half-copied was left on it.');
  if (error instanceof Error && error.message.startsWith('no-pack:'))
    return new TalemoError(
      'not-found',
      `This box has no pack "${packName ?? ''}". Run "talemo lunii list" to see its packs.`,
    );
  if (error instanceof Error && error.message === 'hidden-pack')
    return new TalemoError('invalid-input', 'This pack is hidden: show it again before moving it.');
  if (error instanceof Error && BRIDGE_ERRORS.has(error.name)) {
    const code = (error as Error & { code?: string }).code;
    return new TalemoError(CODES[code ?? ''] ?? 'invalid-input', error.message, { reason: code });
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
