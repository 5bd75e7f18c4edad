/**
 * The one error type the decoders throw for bad input, so the app can show a parent a
 * sentence ("story.mp3 is empty (0 bytes)") and branch on `code` without parsing text.
 */
import { basename } from 'node:path';

export type AudioDecodeErrorCode =
  /** The file has no bytes at all. */
  | 'empty'
  /** The content is not audio (an image, a document, text, random bytes). */
  | 'not-audio'
  /** Audio, but in a format or variant these decoders do not read. */
  | 'unsupported'
  /** Audio that only a platform decoder can read here: AAC needs ffmpeg or the app window. */
  | 'needs-platform-decoder'
  /** The file stops before any whole unit of audio, or inside its headers. */
  | 'truncated'
  /** Headers or data are damaged beyond decoding. */
  | 'corrupt';

export class AudioDecodeError extends Error {
  override readonly name = 'AudioDecodeError';

  constructor(
    readonly code: AudioDecodeErrorCode,
    readonly path: string,
    /** The problem, as the end of a sentence that starts with the file's name. */
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${basename(path)} ${problem}`, options);
  }
}
