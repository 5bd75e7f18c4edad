/**
 * Finds a WAV file's format and audio data by walking its RIFF chunks with small reads, so
 * a 6-hour file or one with a huge chunk before the data is never read whole. Handles RF64
 * (the 64-bit WAV that long recordings need past 4 GiB) and WAVE_FORMAT_EXTENSIBLE.
 */
import type { FileHandle } from 'node:fs/promises';
import { AudioDecodeError } from './audio-decode-error.js';
import { readRange } from './file-bytes.js';

export interface WavLayout {
  sampleFormat: 'int' | 'float';
  /** Bits each sample occupies in the file (8, 16, 24, 32 or 64). */
  containerBits: number;
  /** Bits the header declares as meaningful (12 in a 16-bit container, say). */
  bitsPerSample: number;
  channels: number;
  sampleRate: number;
  /** Bytes per frame: one sample of every channel. */
  blockAlign: number;
  dataOffset: number;
  /** Bytes of whole frames present in the file. */
  dataBytes: number;
  /** What the data chunk says it holds; null when the writer left it open (streaming). */
  announcedDataBytes: number | null;
}

// Format tags from Microsoft's mmreg.h; named so a parent learns what the file uses.
const FORMAT_NAMES: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG',
  0x0055: 'MP3',
  0x00ff: 'AAC',
};
const PCM = 0x0001;
const IEEE_FLOAT = 0x0003;
const EXTENSIBLE = 0xfffe;
/** Writers streaming a recording leave the size at 0 or all ones until they finish. */
const OPEN_SIZES = new Set([0, 0xffffffff]);
/** A sane file has a handful of chunks; this bounds the walk over a damaged one. */
const MAX_CHUNKS = 10_000;

interface Format {
  tag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
}

export async function readWavLayout(handle: FileHandle, fileSize: number, path: string): Promise<WavLayout> {
  let ds64DataBytes: number | null = null;
  let format: Format | null = null;
  let offset = 12;
  for (let count = 0; count < MAX_CHUNKS && offset + 8 <= fileSize; count += 1) {
    const header = await readRange(handle, offset, 8);
    const view = new DataView(header.buffer, header.byteOffset, 8);
    const id = String.fromCharCode(...header.subarray(0, 4));
    const size = view.getUint32(4, true);
    // Only RF64/BW64 files carry ds64: the 64-bit sizes their 32-bit fields cannot hold.
    if (id === 'ds64') ds64DataBytes = await readDs64DataBytes(handle, offset + 8);
    if (id === 'fmt ') {
      if (offset + 8 + Math.min(size, 16) > fileSize)
        throw new AudioDecodeError('truncated', path, 'is cut short: it ends inside its WAV header');
      format = parseFormat(await readRange(handle, offset + 8, Math.min(size, 40)), path);
    }
    if (id === 'data') {
      if (!format) throw new AudioDecodeError('corrupt', path, 'has no format chunk before its audio');
      const announced =
        size === 0xffffffff && ds64DataBytes !== null ? ds64DataBytes : OPEN_SIZES.has(size) ? null : size;
      return layout(format, offset + 8, announced, fileSize, path);
    }
    offset += 8 + size + (size % 2); // chunks are padded to even lengths
  }
  if (!format) throw new AudioDecodeError('corrupt', path, 'is a WAV file without a format chunk');
  throw new AudioDecodeError('truncated', path, 'is cut short: it ends before its audio data');
}

async function readDs64DataBytes(handle: FileHandle, at: number): Promise<number> {
  const body = await readRange(handle, at, 16);
  if (body.byteLength < 16) return 0;
  return Number(new DataView(body.buffer, body.byteOffset, 16).getBigUint64(8, true));
}

function parseFormat(body: Uint8Array, path: string): Format {
  if (body.byteLength < 16) throw new AudioDecodeError('corrupt', path, 'has a damaged format chunk');
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let tag = view.getUint16(0, true);
  // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of a GUID at 24.
  if (tag === EXTENSIBLE && body.byteLength >= 26) tag = view.getUint16(24, true);
  return {
    tag,
    channels: view.getUint16(2, true),
    sampleRate: view.getUint32(4, true),
    bitsPerSample: view.getUint16(14, true),
  };
}

function layout(
  format: Format,
  dataOffset: number,
  announcedDataBytes: number | null,
  fileSize: number,
  path: string,
): WavLayout {
  const { tag, channels, sampleRate, bitsPerSample } = format;
  if (tag !== PCM && tag !== IEEE_FLOAT) {
    const name = FORMAT_NAMES[tag] ?? `format 0x${tag.toString(16).padStart(4, '0')}`;
    throw new AudioDecodeError(
      'unsupported',
      path,
      `is a WAV file compressed with ${name}, which Talemo cannot read; save it as plain PCM WAV`,
    );
  }
  if (channels < 1 || channels > 32 || sampleRate < 1000 || sampleRate > 768_000)
    throw new AudioDecodeError(
      'corrupt',
      path,
      `has a damaged WAV header (${channels} channels at ${sampleRate} Hz)`,
    );
  const containerBits = tag === IEEE_FLOAT ? bitsPerSample : Math.ceil(bitsPerSample / 8) * 8;
  const validBits = tag === IEEE_FLOAT ? [32, 64] : [8, 16, 24, 32];
  if (!validBits.includes(containerBits))
    throw new AudioDecodeError(
      'unsupported',
      path,
      `uses ${bitsPerSample}-bit ${tag === IEEE_FLOAT ? 'float' : 'integer'} samples, which Talemo cannot read`,
    );
  // The declared block align is sometimes wrong; the sample layout decides.
  const blockAlign = (channels * containerBits) / 8;
  const present = Math.max(0, fileSize - dataOffset);
  const usable = Math.min(present, announcedDataBytes ?? present);
  return {
    sampleFormat: tag === IEEE_FLOAT ? 'float' : 'int',
    containerBits,
    bitsPerSample,
    channels,
    sampleRate,
    blockAlign,
    dataOffset,
    dataBytes: usable - (usable % blockAlign),
    announcedDataBytes,
  };
}
