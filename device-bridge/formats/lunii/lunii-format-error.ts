/**
 * Why a Lunii pack could not be built or a device's metadata could not be used. The message
 * is for a parent (it names the node, file or device at fault); `code` is for code.
 */
export type LuniiFormatErrorCode =
  /** The box's `.md` is a version or size we cannot read, or a box we cannot write to. */
  | 'unsupported-metadata'
  /** The story graph has something a Lunii cannot play (a dangling link, an empty choice…). */
  | 'unplayable-graph'
  /** A caller's argument is malformed (a pack UUID that is not a UUID, a missing asset file). */
  | 'invalid-input'
  | 'cancelled';

export class LuniiFormatError extends Error {
  override readonly name = 'LuniiFormatError';

  constructor(
    readonly code: LuniiFormatErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
