/**
 * Playing time of an audio file from its headers alone, without decoding: exact for WAV
 * and Ogg (last granule position), close for MP3 (constant bitrate assumed from the first
 * frame, as STUdio packs are). Returns null when the format is not recognised.
 */
import { open } from 'node:fs/promises';

// MPEG-1 Layer III bitrates in kbit/s, by the 4-bit index (ISO/IEC 11172-3).
const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];
// MPEG-2 and 2.5 Layer III bitrates (ISO/IEC 13818-3).
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0];
const OPUS_GRANULE_RATE = 48_000;

/** Bytes enough to read durations: the first and last 64 KiB of a file. */
const PROBE_BYTES = 64 * 1024;

export interface AudioProbe {
  head: Uint8Array;
  tail: Uint8Array;
  size: number;
}

export async function audioFileDurationSeconds(path: string): Promise<number | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(size, PROBE_BYTES));
    const tail = new Uint8Array(Math.min(size, PROBE_BYTES));
    await handle.read(head, 0, head.byteLength, 0);
    await handle.read(tail, 0, tail.byteLength, size - tail.byteLength);
    return audioDurationSeconds({ head, tail, size });
  } finally {
    await handle.close();
  }
}

export function audioDurationSeconds({ head, tail, size }: AudioProbe): number | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const tag = (offset: number): string => String.fromCharCode(...head.subarray(offset, offset + 4));
  if (head.byteLength >= 12 && tag(0) === 'RIFF' && tag(8) === 'WAVE')
    return wavDuration(head, view, tag, size);
  if (head.byteLength >= 4 && tag(0) === 'OggS') return oggDuration(head, view, tail);
  return mp3Duration(head, size);
}

function wavDuration(
  bytes: Uint8Array,
  view: DataView,
  tag: (offset: number) => string,
  size: number,
): number | null {
  let byteRate = 0;
  for (let offset = 12; offset + 8 <= bytes.byteLength;) {
    const chunkSize = view.getUint32(offset + 4, true);
    if (tag(offset) === 'fmt ' && offset + 16 <= bytes.byteLength)
      byteRate = view.getUint32(offset + 16, true);
    if (tag(offset) === 'data') {
      return byteRate > 0 ? Math.min(chunkSize, size - offset - 8) / byteRate : null;
    }
    offset += 8 + chunkSize + (chunkSize % 2);
  }
  return null;
}

function oggDuration(bytes: Uint8Array, view: DataView, tail: Uint8Array): number | null {
  // The identification header is the first page's payload, after its segment table.
  const start = 27 + (bytes[26] ?? 0);
  const head = String.fromCharCode(...bytes.subarray(start, start + 8));
  let rate: number;
  if (head === 'OpusHead') rate = OPUS_GRANULE_RATE;
  else if (head.slice(1, 7) === 'vorbis' && start + 16 <= bytes.byteLength)
    rate = view.getUint32(start + 12, true);
  else return null;
  const tailView = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let offset = tail.byteLength - 27; offset >= 0; offset -= 1) {
    if (
      tail[offset] === 0x4f &&
      tail[offset + 1] === 0x67 &&
      tail[offset + 2] === 0x67 &&
      tail[offset + 3] === 0x53
    ) {
      const granule = Number(tailView.getBigInt64(offset + 6, true));
      return granule >= 0 && rate > 0 ? granule / rate : null;
    }
  }
  return null;
}

function mp3Duration(bytes: Uint8Array, size: number): number | null {
  let start = 0;
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33 && bytes.byteLength >= 10) {
    // ID3v2 size is four 7-bit bytes ("syncsafe"), after a 10-byte header.
    start = 10 + ((bytes[6]! << 21) | (bytes[7]! << 14) | (bytes[8]! << 7) | bytes[9]!);
  }
  for (let offset = start; offset + 4 <= bytes.byteLength; offset += 1) {
    if (bytes[offset] !== 0xff || (bytes[offset + 1]! & 0xe0) !== 0xe0) continue;
    const version = (bytes[offset + 1]! >> 3) & 0x03; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
    const layer = (bytes[offset + 1]! >> 1) & 0x03; // 1 = Layer III
    const kbps = (version === 3 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[bytes[offset + 2]! >> 4]!;
    if (layer !== 1 || version === 1 || kbps === 0) continue;
    return ((size - offset) * 8) / (kbps * 1000);
  }
  return null;
}
