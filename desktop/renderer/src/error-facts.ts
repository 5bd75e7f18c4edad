/**
 * What an error's `details` tell the words (error-message.ts): the few numbers and names the core
 * attaches, read defensively because `details` crosses the wire as `Record<string, unknown>`
 * and a field of the wrong type must not make the sentence say "undefined".
 */
export interface ErrorFacts {
  /** The device bridge's or the pack reader's own reason ('already-installed', 'not-a-zip', …). */
  reason?: string | undefined;
  /** conflict: the story's version now. */
  version?: number | undefined;
  /** moderation-flagged: how many passages were found. */
  findings?: number | undefined;
  /** A cloud refusal: the HTTP status the server answered. */
  status?: number | undefined;
  /** no-voice: how many voices this computer has instead. */
  voices?: number | undefined;
}

export function errorFacts(details: Record<string, unknown> | undefined): ErrorFacts {
  if (!details) return {};
  return {
    reason: text(details.reason),
    version: count(details.currentVersion),
    findings: count(details.findings),
    status: count(details.status),
    voices: Array.isArray(details.voices) ? details.voices.length : undefined,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
