/**
 * Typed failures of the encode stage, so a caller can tell "your audio is not what this
 * encoder takes" (fix the input or run another stage first) from "the encoder broke".
 */

/** The input or the options are not acceptable: wrong rate, wrong channel count, empty audio. */
export class EncodeInputError extends Error {
  override name = 'EncodeInputError';
}

/** The encoder produced output that fails our own check; nothing is left at the output path. */
export class EncodedOutputInvalidError extends Error {
  override name = 'EncodedOutputInvalidError';
}

/** A packet or page cannot be laid out as the requested Ogg layout demands. */
export class OggLayoutError extends Error {
  override name = 'OggLayoutError';
}
