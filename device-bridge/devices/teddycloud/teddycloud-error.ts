/** Why talking to a TeddyCloud server failed, in words a parent can act on; `code` is for code. */

export type TeddyCloudErrorCode =
  /** The address is not one we can use. */
  | 'bad-url'
  /** No answer: wrong address, server down, or no network. */
  | 'unreachable'
  /** The server stopped answering mid-way. */
  | 'timeout'
  /** The server answered with an HTTP error; its own text is in the message. */
  | 'http'
  /** A reverse proxy in front of TeddyCloud wants a login. */
  | 'unauthorized'
  /** Our file would be refused by the box (or is not a TAF): not sent. */
  | 'bad-taf'
  | 'cancelled';

export class TeddyCloudError extends Error {
  override readonly name = 'TeddyCloudError';

  constructor(
    readonly code: TeddyCloudErrorCode,
    message: string,
    /** The HTTP status, for `http` and `unauthorized`. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
