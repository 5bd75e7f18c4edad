/**
 * Tells what a file is from its first bytes, never from its name: the audio formats we
 * decode, audio we do not, and common files that are not audio at all, so that a parent
 * hears "x.mp3 is not audio: it is a PNG image" instead of "decoding failed".
 */
import type { AudioCodec, AudioContainer } from './audio-source.js';
import { findMpegFrameChain, id3v2TagsLength, parseMpegFrameHeader } from './mpeg-frame-header.js';

export type SniffedFormat =
  | {
      kind: 'audio';
      container: AudioContainer;
      /** Known from the first bytes for all but WebM and MP4, whose tracks need the demuxer. */
      codec: AudioCodec | null;
      /** Where the audio stream starts: after ID3v2 tags, and at the first MPEG frame. */
      streamOffset: number;
      /** "a WAV file", for messages. */
      description: string;
    }
  /** Audio in a format these decoders do not read: "an AIFF file". */
  | { kind: 'other-audio'; description: string }
  /** Not audio: "a PNG image". */
  | { kind: 'not-audio'; description: string }
  | { kind: 'unknown' };

/** How far past the stream start an MP3's first frame may sit (junk or zero padding). */
const MPEG_SEARCH_BYTES = 8 * 1024;

/**
 * Sniffs `head`, the first bytes of a file (64 KiB is plenty). An ID3v2 tag longer than
 * `head` must be skipped by the caller, which then sniffs the bytes after it.
 */
export function sniffAudioFormat(head: Uint8Array): SniffedFormat {
  const tagged = id3v2TagsLength(head);
  if (tagged > 0) {
    const inner = sniffUntagged(head.subarray(tagged));
    if (inner.kind === 'audio') return { ...inner, streamOffset: inner.streamOffset + tagged };
    return inner.kind === 'unknown'
      ? { kind: 'other-audio', description: 'an ID3 tag without MP3 or FLAC audio after it' }
      : inner;
  }
  return sniffUntagged(head);
}

function sniffUntagged(bytes: Uint8Array): SniffedFormat {
  return (
    sniffContainer(bytes) ??
    sniffNotAudio(bytes) ??
    sniffMpeg(bytes) ??
    sniffText(bytes) ?? { kind: 'unknown' }
  );
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function audio(
  container: AudioContainer,
  codec: AudioCodec | null,
  description: string,
  streamOffset = 0,
): SniffedFormat {
  return { kind: 'audio', container, codec, streamOffset, description };
}

function sniffContainer(bytes: Uint8Array): SniffedFormat | null {
  const tag = ascii(bytes, 0, 4);
  const form = ascii(bytes, 8, 4);
  if ((tag === 'RIFF' || tag === 'RF64' || tag === 'BW64') && form === 'WAVE')
    return audio('wav', 'pcm', 'a WAV file');
  if (tag === 'fLaC') return audio('flac', 'flac', 'a FLAC file');
  if (tag === 'OggS') return sniffOgg(bytes);
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return sniffEbml(bytes);
  if (ascii(bytes, 4, 4) === 'ftyp') return sniffIsoBmff(ascii(bytes, 8, 4));
  if (tag === 'FORM' && (form === 'AIFF' || form === 'AIFC'))
    return { kind: 'other-audio', description: 'an AIFF file' };
  if (tag === 'MThd') return { kind: 'other-audio', description: 'a MIDI file (notes, not sound)' };
  if (ascii(bytes, 0, 5) === '#!AMR') return { kind: 'other-audio', description: 'an AMR voice recording' };
  if (tag === 'caff') return { kind: 'other-audio', description: 'a Core Audio (CAF) file' };
  if (tag === '.snd') return { kind: 'other-audio', description: 'a Sun/NeXT AU file' };
  if (hexPrefix(bytes, '3026b2758e66cf11'))
    return { kind: 'other-audio', description: 'a Windows Media (WMA/WMV) file' };
  return null;
}

function sniffOgg(bytes: Uint8Array): SniffedFormat {
  // The first page's payload starts after its 27-byte header and segment table.
  const payload = 27 + (bytes[26] ?? 0);
  const id = ascii(bytes, payload, 8);
  if (id === 'OpusHead') return audio('ogg', 'opus', 'an Ogg Opus file');
  if (bytes[payload] === 1 && id.slice(1, 7) === 'vorbis')
    return audio('ogg', 'vorbis', 'an Ogg Vorbis file');
  if (id.slice(1, 5) === 'FLAC') return { kind: 'other-audio', description: 'an Ogg FLAC file' };
  if (id.startsWith('Speex')) return { kind: 'other-audio', description: 'an Ogg Speex file' };
  if (id.slice(1, 7) === 'theora') return { kind: 'not-audio', description: 'an Ogg video' };
  if (bytes.byteLength < payload + 8) return audio('ogg', null, 'an Ogg file');
  return { kind: 'other-audio', description: 'an Ogg file with an unknown codec' };
}

/** Reads the EBML header's DocType (element 0x4282) to tell WebM/Matroska from other EBML. */
function sniffEbml(bytes: Uint8Array): SniffedFormat {
  const end = Math.min(bytes.byteLength, 64);
  for (let offset = 4; offset + 3 < end; offset += 1) {
    if (bytes[offset] !== 0x42 || bytes[offset + 1] !== 0x82) continue;
    const sizeByte = bytes[offset + 2]!;
    if ((sizeByte & 0x80) === 0) continue; // DocType sizes are one-byte varints here
    const docType = ascii(bytes, offset + 3, sizeByte & 0x7f);
    if (docType === 'webm') return audio('webm', null, 'a WebM file');
    if (docType === 'matroska') return audio('webm', null, 'a Matroska (MKV/MKA) file');
  }
  return { kind: 'not-audio', description: 'an EBML file that is neither WebM nor Matroska' };
}

// HEIF/AVIF images share MP4's box structure; their brand gives them away.
const IMAGE_BRANDS = new Set(['heic', 'heix', 'hevc', 'mif1', 'msf1', 'avif', 'avis']);

function sniffIsoBmff(brand: string): SniffedFormat {
  if (IMAGE_BRANDS.has(brand)) return { kind: 'not-audio', description: 'a HEIC/AVIF image' };
  if (brand === 'M4A ' || brand === 'M4B ') return audio('mp4', null, 'an M4A file');
  if (brand === 'qt  ') return audio('mp4', null, 'a QuickTime (MOV) file');
  return audio('mp4', null, 'an MP4 file');
}

const NOT_AUDIO: ReadonlyArray<[test: (bytes: Uint8Array) => boolean, description: string]> = [
  [(b) => hexPrefix(b, '89504e470d0a1a0a'), 'a PNG image'],
  [(b) => hexPrefix(b, 'ffd8ff'), 'a JPEG image'],
  [(b) => ascii(b, 0, 4) === 'GIF8', 'a GIF image'],
  [(b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP', 'a WebP image'],
  [(b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'AVI ', 'an AVI video'],
  [(b) => ascii(b, 0, 5) === '%PDF-', 'a PDF document'],
  [(b) => hexPrefix(b, '504b0304') || hexPrefix(b, '504b0506'), 'a ZIP archive'],
  [(b) => hexPrefix(b, '1f8b'), 'a gzip archive'],
  [(b) => hexPrefix(b, '377abcaf271c'), 'a 7-Zip archive'],
  [(b) => ascii(b, 0, 4) === 'Rar!', 'a RAR archive'],
  [(b) => ascii(b, 0, 16) === 'SQLite format 3\0', 'an SQLite database'],
  [(b) => hexPrefix(b, '7f454c46'), 'a program (ELF)'],
  [(b) => ascii(b, 0, 2) === 'MZ', 'a Windows program'],
];

function sniffNotAudio(bytes: Uint8Array): SniffedFormat | null {
  for (const [test, description] of NOT_AUDIO) {
    if (test(bytes)) return { kind: 'not-audio', description };
  }
  return null;
}

function sniffMpeg(bytes: Uint8Array): SniffedFormat | null {
  const frame = findMpegFrameChain(bytes, 0, MPEG_SEARCH_BYTES);
  if (frame >= 0) {
    const header = parseMpegFrameHeader(bytes, frame)!;
    const description = header.layer === 3 ? 'an MP3 file' : `an MPEG layer ${header.layer} file`;
    return audio('mp3', 'mp3', description, frame);
  }
  // ADTS (raw AAC) uses MPEG's sync with layer bits 00, which parseMpegFrameHeader rejects.
  if (bytes[0] === 0xff && (bytes[1]! & 0xf6) === 0xf0)
    return { kind: 'other-audio', description: 'raw AAC (ADTS) audio' };
  return null;
}

/** Printable UTF-8 (or a UTF-16 byte order mark) with no control characters is text. */
function sniffText(bytes: Uint8Array): SniffedFormat | null {
  if (hexPrefix(bytes, 'fffe') || hexPrefix(bytes, 'feff'))
    return { kind: 'not-audio', description: 'a text file' };
  const sample = bytes.subarray(0, 1024);
  if (sample.byteLength === 0) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(sample));
  } catch {
    return null;
  }
  if ([...text].some(isBinaryControl)) return null;
  const markup = /^\s*<(!doctype html|html)/i.test(text);
  return { kind: 'not-audio', description: markup ? 'a web page (HTML)' : 'a text file' };
}

/** Tab, line feed, form feed and carriage return are text; other control characters are binary. */
function isBinaryControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d].includes(code)) || code === 0x7f;
}

/** Drops a multi-byte character cut at the end of the sample, so it does not read as binary. */
function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= 3 && back <= bytes.byteLength; back += 1) {
    const byte = bytes[bytes.byteLength - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.subarray(0, bytes.byteLength - back) : bytes;
  }
  return bytes;
}

function hexPrefix(bytes: Uint8Array, hex: string): boolean {
  for (let i = 0; i < hex.length / 2; i += 1) {
    if (bytes[i] !== parseInt(hex.slice(i * 2, i * 2 + 2), 16)) return false;
  }
  return true;
}
