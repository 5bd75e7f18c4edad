/**
 * Why a STUdio zip could not be read or written. The message is for a parent: it names the
 * file or node at fault in plain words; `reason` is for code (the importer maps it to the
 * API's error codes).
 */
export type StudioPackErrorReason =
  | 'not-a-zip'
  | 'corrupt'
  | 'unsafe-path'
  | 'duplicate-entry'
  | 'encrypted'
  | 'unsupported'
  | 'too-large'
  | 'missing-story-json'
  | 'invalid-json'
  | 'invalid-story'
  | 'missing-asset'
  | 'extra-asset'
  | 'unknown-reference'
  | 'wrong-asset-type'
  | 'cancelled';

export class StudioPackError extends Error {
  override readonly name = 'StudioPackError';

  constructor(
    readonly reason: StudioPackErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
