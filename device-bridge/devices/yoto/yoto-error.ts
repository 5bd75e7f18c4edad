/**
 * Why a Yoto operation failed. The message is for a parent and says what to do; `code` is for
 * code (the upload queue decides from it whether to wait and retry or to stop and ask).
 */
export type YotoErrorCode =
  /** No connection to Yoto (refused, DNS, reset): wait and try again. */
  | 'offline'
  /** Yoto did not answer in time: wait and try again. */
  | 'timeout'
  /** The sign-in is gone (401, refresh refused): the parent must sign in to Yoto again. */
  | 'sign-in'
  /** Yoto refused the request (4xx other than 401/429); its own message is kept. */
  | 'rejected'
  /** Yoto is busy or broken (5xx, 429): wait and try again. */
  | 'server'
  /** Yoto answered something we cannot read. */
  | 'bad-response'
  /** Yoto could not transcode an audio file, or took far too long. */
  | 'transcode-failed'
  /** Our own input is wrong (a playlist that breaks the documented schema, an unreadable picture). */
  | 'invalid-input'
  | 'cancelled';

export class YotoError extends Error {
  override readonly name = 'YotoError';

  constructor(
    readonly code: YotoErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options);
    this.status = options?.status;
  }

  /** HTTP status when Yoto answered. */
  readonly status: number | undefined;

  /** True when waiting and trying again may succeed without anyone doing anything. */
  get retryable(): boolean {
    return this.code === 'offline' || this.code === 'timeout' || this.code === 'server';
  }
}

export const SIGN_IN_AGAIN = 'Sign in to Yoto again: the Yoto sign-in has expired or was withdrawn.';
