/**
 * Cuts a FLAC byte stream into frames. FLAC has no frame lengths: a frame ends where the
 * next valid header starts and its CRC-16 matches. A frame whose CRC never matches is
 * damaged: it is handed out as damaged so it can become silence of the same length,
 * keeping the timing of everything after it.
 */
import {
  FLAC_MAX_HEADER_BYTES,
  flacCrc16,
  parseFlacFrameHeader,
  type FlacFrameHeader,
  type FlacStreamShape,
} from './flac-frame-header.js';

export interface FlacFrame {
  bytes: Uint8Array;
  blockSize: number;
  /** The CRC failed: decode as silence of blockSize frames. */
  damaged: boolean;
}

/** Frames are never this big (8 channels × 65535 samples × 32 bits is 2 MiB). */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export class FlacFrameSplitter {
  private buffer: Uint8Array = new Uint8Array(0);
  /** How far past the pending frame's start its end was already searched for. */
  private resumeScan = 0;
  skippedBytes = 0;
  private readonly maxFrameBytes: number;

  constructor(
    private readonly shape: FlacStreamShape,
    /** STREAMINFO's largest frame size, 0 when the encoder did not know. */
    maxFrameBytes: number,
  ) {
    this.maxFrameBytes = maxFrameBytes > 0 ? maxFrameBytes + 1024 : MAX_FRAME_BYTES;
  }

  push(bytes: Uint8Array): FlacFrame[] {
    this.buffer = this.buffer.byteLength > 0 ? concat(this.buffer, bytes) : bytes;
    return this.split(false);
  }

  /** The rest as a last frame; `partialFrame` when it fails its CRC (the file was cut). */
  finish(): { frames: FlacFrame[]; partialFrame: boolean } {
    const frames = this.split(true);
    const rest = this.buffer;
    this.buffer = new Uint8Array(0);
    return { frames, partialFrame: rest.byteLength > 0 && this.headerAt(rest, 0) !== null };
  }

  private split(atEnd: boolean): FlacFrame[] {
    const bytes = this.buffer;
    const frames: FlacFrame[] = [];
    let pos = 0;
    while (pos < bytes.byteLength) {
      if (!atEnd && pos + FLAC_MAX_HEADER_BYTES > bytes.byteLength) break; // header not all here
      const header = this.headerAt(bytes, pos);
      if (!header) {
        const next = this.nextHeader(bytes, pos + 1, atEnd);
        const to = next >= 0 ? next : Math.max(pos, bytes.byteLength - (atEnd ? 0 : FLAC_MAX_HEADER_BYTES));
        this.skippedBytes += to - pos;
        pos = to;
        if (next < 0) break;
        continue;
      }
      const end = this.frameEnd(bytes, pos, atEnd, pos === 0 ? this.resumeScan : 0);
      this.resumeScan = 0;
      if (end > 0) {
        frames.push({ bytes: bytes.subarray(pos, end), blockSize: header.blockSize, damaged: false });
        pos = end;
        continue;
      }
      // No matching end yet: wait for more data, unless this frame is too long to be real.
      if (!atEnd && bytes.byteLength - pos <= this.maxFrameBytes) {
        // Next time, look for its end only in bytes not searched yet.
        this.resumeScan = Math.max(2, bytes.byteLength - FLAC_MAX_HEADER_BYTES - pos);
        break;
      }
      const next = this.nextHeader(bytes, pos + FLAC_MAX_HEADER_BYTES, atEnd);
      if (next < 0) break; // at the end: the rest is a cut frame, reported by finish()
      frames.push({ bytes: bytes.subarray(pos, next), blockSize: header.blockSize, damaged: true });
      pos = next;
    }
    this.buffer = bytes.slice(pos);
    return frames;
  }

  /** Where the frame at `start` ends: a following header with the CRC-16 matching up to it. */
  private frameEnd(bytes: Uint8Array, start: number, atEnd: boolean, searched: number): number {
    const from = start + Math.max(2, searched);
    for (let at = this.nextHeader(bytes, from, atEnd); at >= 0; at = this.nextHeader(bytes, at + 1, atEnd)) {
      if (this.crcMatches(bytes, start, at)) return at;
    }
    return atEnd && this.crcMatches(bytes, start, bytes.byteLength) ? bytes.byteLength : -1;
  }

  private crcMatches(bytes: Uint8Array, start: number, end: number): boolean {
    if (end - start < 6) return false;
    const stored = (bytes[end - 2]! << 8) | bytes[end - 1]!;
    return flacCrc16(bytes, start, end - 2) === stored;
  }

  /** The next header candidate at or after `from`, or -1 (headers need all their bytes present). */
  private nextHeader(bytes: Uint8Array, from: number, atEnd: boolean): number {
    const last = bytes.byteLength - (atEnd ? 6 : FLAC_MAX_HEADER_BYTES);
    for (let at = from; at <= last; at += 1) {
      if (bytes[at] === 0xff && this.headerAt(bytes, at)) return at;
    }
    return -1;
  }

  private headerAt(bytes: Uint8Array, at: number): FlacFrameHeader | null {
    return parseFlacFrameHeader(bytes, at, this.shape);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
