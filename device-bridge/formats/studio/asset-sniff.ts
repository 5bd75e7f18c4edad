/**
 * An asset's real type from its first bytes. File names in a zip are only a claim; a box fed a
 * text file named .mp3 stalls, so imports trust the bytes, not the extension.
 */
import { AUDIO_MIME_TYPES, IMAGE_MIME_TYPES } from '../../pack/story-graph';

export type ImageMime = (typeof IMAGE_MIME_TYPES)[number];
export type AudioMime = (typeof AUDIO_MIME_TYPES)[number];

/** Bytes enough to tell every supported type apart (a BMP's DIB header size ends at 18). */
export const SNIFF_BYTES = 18;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** BITMAPCOREHEADER, INFOHEADER and its V2–V5 successors. */
const BMP_DIB_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

export function sniffAssetMime(head: Uint8Array): ImageMime | AudioMime | null {
  const ascii = (offset: number, text: string): boolean =>
    head.byteLength >= offset + text.length &&
    [...text].every((char, i) => head[offset + i] === char.charCodeAt(0));
  if (PNG_SIGNATURE.every((byte, i) => head[i] === byte)) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 'BM') && isBmpHeader(head)) return 'image/bmp';
  if (ascii(0, 'OggS')) return 'audio/ogg';
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav';
  if (ascii(0, 'ID3') && head[3]! >= 2 && head[3]! <= 4) return 'audio/mpeg';
  if (isMpegAudioFrameHeader(head)) return 'audio/mpeg';
  return null;
}

export function isImageMime(mime: string): mime is ImageMime {
  return (IMAGE_MIME_TYPES as readonly string[]).includes(mime);
}

export function isAudioMime(mime: string): mime is AudioMime {
  return (AUDIO_MIME_TYPES as readonly string[]).includes(mime);
}

// Why more than "BM": two letters alone would take any text starting with "BM" for an image.
function isBmpHeader(head: Uint8Array): boolean {
  if (head.byteLength < 18) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  return view.getUint32(6, true) === 0 && BMP_DIB_HEADER_SIZES.has(view.getUint32(14, true));
}

/** An MPEG audio frame header (ISO/IEC 11172-3), rejecting the reserved values a random 0xFF would hit. */
function isMpegAudioFrameHeader(head: Uint8Array): boolean {
  if (head.byteLength < 4 || head[0] !== 0xff || (head[1]! & 0xe0) !== 0xe0) return false;
  const version = (head[1]! >> 3) & 0b11;
  const layer = (head[1]! >> 1) & 0b11;
  const bitrate = head[2]! >> 4;
  const sampleRate = (head[2]! >> 2) & 0b11;
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11;
}
