/**
 * Why a model download stopped. The message is for a parent (what happened, and what to do
 * about it); `code` is for code, so the app can pick an icon, offer "Try again", or keep a
 * half-done download for later.
 */
export type ModelDownloadErrorCode =
  'not-found' | 'checksum' | 'disk-full' | 'network' | 'cancelled' | 'unverified' | 'http';

export class ModelDownloadError extends Error {
  override readonly name = 'ModelDownloadError';

  constructor(
    readonly code: ModelDownloadErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
