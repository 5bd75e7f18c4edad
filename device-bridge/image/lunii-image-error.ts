/**
 * The one error type the image pipeline throws for bad input, so the app can tell a parent
 * what is wrong with a picture and branch on `code` without parsing text.
 */
export type LuniiImageErrorCode =
  /** Not a PNG, JPEG or BMP, or a variant we do not read (e.g. a 16-bit BMP, a CMYK JPEG). */
  | 'unsupported-image'
  /** Headers or pixel data are damaged or truncated. */
  | 'corrupt-image'
  /** Declared dimensions or decoded size exceed what we agree to decode. */
  | 'too-large';

export class LuniiImageError extends Error {
  override readonly name = 'LuniiImageError';

  constructor(
    readonly code: LuniiImageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
