/**
 * Why a box could not be opened. The message is for a parent and says what to do; `reason`
 * is for code.
 */
export type BoxOpenErrorReason = 'not-found' | 'not-a-lunii' | 'unsupported-metadata' | 'damaged-index';

export class BoxOpenError extends Error {
  override readonly name = 'BoxOpenError';

  constructor(
    readonly reason: BoxOpenErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
