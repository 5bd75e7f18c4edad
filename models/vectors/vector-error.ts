/**
 * Why the vector index refused or failed. The message is for a person (it says what was wrong
 * and, where there is one, what to do); `reason` is for code, so the library can map it to its
 * own error codes without this module knowing them.
 */
export type VectorErrorReason =
  | 'invalid-vector'
  | 'invalid-argument'
  | 'extension-unavailable'
  | 'newer-schema'
  | 'active-index'
  | 'dropped-index'
  | 'cancelled';

export class VectorError extends Error {
  override readonly name = 'VectorError';

  constructor(
    readonly reason: VectorErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
