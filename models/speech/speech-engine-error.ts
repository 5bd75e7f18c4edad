/** Why speech could not be made, in words a parent can act on. */
export type SpeechEngineErrorCode =
  /** espeak-ng is not where we looked (or not at all). */
  | 'not-installed'
  /** The engine ran and failed; its own words (stderr) are in the message. */
  | 'engine-failed'
  /** No voice has that id, or the engine does not know that voice. */
  | 'unknown-voice'
  /** A Piper voice folder is missing files, or its files are not what Piper writes. */
  | 'bad-voice-folder'
  /** Settings out of range, or text that is not a string. */
  | 'bad-input';

export class SpeechEngineError extends Error {
  readonly code: SpeechEngineErrorCode;

  constructor(code: SpeechEngineErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SpeechEngineError';
    this.code = code;
  }
}
