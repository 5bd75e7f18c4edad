/**
 * Why an audio processing step refused its input or options. The message is for a parent or
 * a log (it names the step and the value at fault); `reason` is for code.
 */
export type AudioProcessErrorReason =
  'format-mismatch' | 'invalid-option' | 'unsupported-channels' | 'resampler-failed' | 'not-finished';

export class AudioProcessError extends Error {
  override readonly name = 'AudioProcessError';

  constructor(
    readonly reason: AudioProcessErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Rejects a numeric option that is not finite or falls outside [min, max]. */
export function checkOption(step: string, name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max)
    throw new AudioProcessError(
      'invalid-option',
      `${step}: ${name} must be between ${min} and ${max}, got ${String(value)}`,
    );
}
