/**
 * Errors the user can act on. Each has a stable code (the UI and the CLI branch on it) and a
 * message that names the problem and what to do. Anything else is a bug and is reported as
 * "internal" without its details.
 */
export type TalemoErrorCode =
  | 'not-found'
  | 'conflict'
  | 'invalid-input'
  | 'invalid-pack'
  | 'too-large'
  | 'cancelled'
  | 'download-failed'
  | 'no-model'
  | 'model-unusable'
  | 'moderation-flagged'
  | 'consent-required'
  | 'bad-audio'
  | 'no-voice'
  | 'unauthorized'
  | 'unsupported-device'
  | 'no-space'
  | 'read-only'
  | 'unplugged'
  | 'verify-failed'
  | 'internal';

export class TalemoError extends Error {
  readonly code: TalemoErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: TalemoErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'TalemoError';
    this.code = code;
    this.details = details;
  }
}

export function isTalemoError(error: unknown): error is TalemoError {
  return error instanceof TalemoError;
}
