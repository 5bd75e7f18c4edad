/** Why a drafting model could not be used, in words a parent can act on. */
export type LlmModelErrorCode =
  'not-found' | 'not-gguf' | 'corrupt' | 'truncated' | 'too-big' | 'load-failed';

export class LlmModelError extends Error {
  readonly code: LlmModelErrorCode;

  constructor(code: LlmModelErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LlmModelError';
    this.code = code;
  }
}
