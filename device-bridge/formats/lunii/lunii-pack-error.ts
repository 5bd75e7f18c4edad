/**
 * Why a pack folder on a Lunii (or ready to be copied to one) cannot be trusted. Each message
 * names the file at fault, so a repair tool can show it and a parent can act on it.
 */
export type LuniiPackErrorCode =
  /** A file the indexes point to is missing, or an index file is absent. */
  | 'incomplete'
  /** An index is truncated, malformed or points out of range. */
  | 'corrupt'
  /** The pack was ciphered for another box (bt or the story key does not match this device). */
  | 'wrong-keys';

export class LuniiPackError extends Error {
  override readonly name = 'LuniiPackError';

  constructor(
    readonly code: LuniiPackErrorCode,
    /** The file at fault, relative to the pack folder (`ni`, `rf/000/00000003`). */
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
