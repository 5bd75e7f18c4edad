/**
 * Cuts an MP3 byte stream into whole frames before mpg123 sees it. Owning the framing lets
 * us count frames (to know whether the file ends where its header says), notice a last
 * frame cut in half, skip damaged stretches, and keep memory at a frame or two.
 */
import {
  id3v2TagsLength,
  parseMpegFrameHeader,
  sameMpegStream,
  type MpegFrameHeader,
} from './mpeg-frame-header.js';

export interface SplitterEnd {
  /** The data ended inside a frame: the file was cut short. */
  partialFrame: boolean;
}

export class MpegFrameSplitter {
  private buffer: Uint8Array = new Uint8Array(0);
  /** Whole frames handed out. */
  frames = 0;
  /** Bytes that were neither frames nor tags: damage. */
  skippedBytes = 0;

  constructor(private readonly reference: MpegFrameHeader) {}

  /** Returns runs of whole, consecutive frames ready for the decoder. */
  push(bytes: Uint8Array): Uint8Array[] {
    this.buffer = this.buffer.byteLength > 0 ? concat(this.buffer, bytes) : bytes;
    return this.split(false);
  }

  /** Hands out the last frame, which has no successor to confirm it. */
  finish(): { runs: Uint8Array[] } & SplitterEnd {
    const runs = this.split(true);
    const rest = this.buffer;
    const header = parseMpegFrameHeader(rest, 0);
    const partialFrame = header !== null && sameMpegStream(header, this.reference);
    if (!partialFrame) this.skippedBytes += rest.byteLength;
    this.buffer = new Uint8Array(0);
    return { runs, partialFrame };
  }

  private split(atEnd: boolean): Uint8Array[] {
    const bytes = this.buffer;
    const runs: Uint8Array[] = [];
    let runStart = 0;
    let pos = 0;
    const closeRun = (): void => {
      if (pos > runStart) runs.push(bytes.subarray(runStart, pos));
      runStart = pos;
    };
    while (pos + 4 <= bytes.byteLength) {
      const header = this.frameAt(bytes, pos);
      if (header) {
        const next = pos + header.frameBytes;
        // Wait for the rest of the frame, and for the next header that confirms it.
        if (next > bytes.byteLength) break;
        if (!atEnd && next + 4 > bytes.byteLength) break;
        // A frame counts when the next one (or a tag, or the end of the data) follows it.
        const confirmed =
          next + 4 > bytes.byteLength || this.frameAt(bytes, next) !== null || this.tagAt(bytes, next) > 0;
        if (confirmed) {
          pos = next;
          this.frames += 1;
          continue;
        }
      }
      closeRun();
      const tag = this.tagAt(bytes, pos);
      if (tag > 0 && pos + tag > bytes.byteLength && !atEnd) break; // tag goes on in the next chunk
      if (tag > 0) {
        pos = Math.min(pos + tag, bytes.byteLength);
      } else {
        pos += 1;
        this.skippedBytes += 1;
      }
      runStart = pos;
    }
    closeRun();
    this.buffer = bytes.slice(pos);
    return runs;
  }

  private frameAt(bytes: Uint8Array, pos: number): MpegFrameHeader | null {
    const header = parseMpegFrameHeader(bytes, pos);
    return header && sameMpegStream(header, this.reference) ? header : null;
  }

  /** Length of an ID3v2 tag at `pos` (files joined end to end carry them midway), else 0. */
  private tagAt(bytes: Uint8Array, pos: number): number {
    return id3v2TagsLength(bytes, pos);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
