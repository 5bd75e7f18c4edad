/**
 * Typed failures of the TAF code, so a caller can tell "this file is not a Tonie audio file
 * at all" (refuse it) from "these inputs cannot become one" (fix the inputs).
 */

/** The bytes are not a TAF: too short, no header, or a header that does not parse. */
export class TafFormatError extends Error {
  override name = 'TafFormatError';
}

/** The inputs or options of an encode or extract are not acceptable. */
export class TafInputError extends Error {
  override name = 'TafInputError';
}
