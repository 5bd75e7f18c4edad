/**
 * The Xing/Info (LAME) or VBRI frame some encoders put first in an MP3: a silent frame
 * holding the frame count (an exact duration without scanning the file) and, in LAME's
 * tag, the encoder delay and padding that gapless playback must cut.
 * Layout from the LAME tag specification (gabriel.mp3-tech.org/mp3infotag.html).
 */
import { parseMpegFrameHeader, type MpegFrameHeader } from './mpeg-frame-header.js';

export interface Mp3InfoFrame {
  /** Audio frames in the stream, not counting this one. */
  frames: number | null;
  /** Bytes of the stream as the encoder wrote it. */
  streamBytes: number | null;
  /** Samples the encoder put before the audio (LAME tag only). */
  encoderDelay: number | null;
  /** Samples the encoder added after the audio to fill the last frame (LAME tag only). */
  encoderPadding: number | null;
}

const XING_FRAMES = 1;
const XING_BYTES = 2;
const XING_TOC = 4;
const XING_QUALITY = 8;

/** Reads the info frame starting at `offset`, or null when that frame is ordinary audio. */
export function readMp3InfoFrame(bytes: Uint8Array, offset: number): Mp3InfoFrame | null {
  const header = parseMpegFrameHeader(bytes, offset);
  if (!header || header.layer !== 3) return null;
  const frame = bytes.subarray(offset, offset + header.frameBytes);
  return readXing(frame, header) ?? readVbri(frame);
}

function tagAt(frame: Uint8Array, at: number): string {
  return String.fromCharCode(...frame.subarray(at, at + 4));
}

function readXing(frame: Uint8Array, header: MpegFrameHeader): Mp3InfoFrame | null {
  // Writers disagree on whether a CRC-flagged info frame carries the two CRC bytes.
  const candidates = [4 + header.sideInfoBytes, 6 + header.sideInfoBytes];
  const start = candidates.find((at) => ['Xing', 'Info'].includes(tagAt(frame, at)));
  if (start === undefined || start + 8 > frame.byteLength) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const flags = view.getUint32(start + 4);
  let at = start + 8;
  const field = (flag: number, size: number): number | null => {
    if ((flags & flag) === 0) return null;
    const value = size === 4 && at + 4 <= frame.byteLength ? view.getUint32(at) : null;
    at += size;
    return value;
  };
  const frames = field(XING_FRAMES, 4);
  const streamBytes = field(XING_BYTES, 4);
  field(XING_TOC, 100);
  field(XING_QUALITY, 4);
  const { encoderDelay, encoderPadding } = readLameDelays(frame, at);
  return { frames, streamBytes, encoderDelay, encoderPadding };
}

/** The LAME tag follows the Xing fields: 9 bytes of encoder name, then delays at +21. */
function readLameDelays(
  frame: Uint8Array,
  at: number,
): Pick<Mp3InfoFrame, 'encoderDelay' | 'encoderPadding'> {
  const none = { encoderDelay: null, encoderPadding: null };
  if (at + 24 > frame.byteLength) return none;
  // LAME, Lavc (ffmpeg) and others name themselves in letters and digits; zeros mean no tag.
  if (!/^[A-Za-z][A-Za-z0-9.]{3}$/.test(tagAt(frame, at))) return none;
  const b0 = frame[at + 21]!;
  const b1 = frame[at + 22]!;
  const b2 = frame[at + 23]!;
  return { encoderDelay: (b0 << 4) | (b1 >> 4), encoderPadding: ((b1 & 0x0f) << 8) | b2 };
}

/** Fraunhofer's VBRI header sits 32 bytes after the frame header. */
function readVbri(frame: Uint8Array): Mp3InfoFrame | null {
  const start = 36;
  if (tagAt(frame, start) !== 'VBRI' || start + 18 > frame.byteLength) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return {
    streamBytes: view.getUint32(start + 10),
    frames: view.getUint32(start + 14),
    encoderDelay: null,
    encoderPadding: null,
  };
}
