/**
 * Why writing (or reading) an NFC card through a PN532 reader failed. The message is for a
 * parent and says what to do; `code` is for code.
 */

export type NfcWriterErrorCode =
  /** The serial port named does not exist (reader unplugged, wrong name). */
  | 'port-not-found'
  /** The port exists but cannot be opened (busy in another program, no permission). */
  | 'port-unavailable'
  /** Nothing answered like a PN532 on that port. */
  | 'no-reader'
  /** Something answered, but it is not a PN532. */
  | 'not-pn532'
  /** No card was put on the reader in time. */
  | 'no-card'
  /** The card is not a MIFARE Classic or Ultralight/NTAG, the two kinds TonUINO reads. */
  | 'unsupported-card'
  /** MIFARE Classic sector 1 does not open with TonUINO's key A FF FF FF FF FF FF. */
  | 'auth-failed'
  /** The card refused the write. */
  | 'write-failed'
  /** Written, but reading back gave other bytes. */
  | 'write-not-confirmed'
  /** The card left the reader mid-way. */
  | 'card-lost'
  /** The reader answered with something we cannot use (a garbled or unexpected frame). */
  | 'reader-error'
  | 'cancelled';

export class NfcWriterError extends Error {
  override readonly name = 'NfcWriterError';
  constructor(
    readonly code: NfcWriterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function nfcCancelledError(): NfcWriterError {
  return new NfcWriterError('cancelled', 'Writing the card was cancelled.');
}
