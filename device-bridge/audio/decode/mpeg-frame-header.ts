/**
 * MPEG audio frame headers (ISO/IEC 11172-3 and 13818-3): the four bytes before every MP3
 * frame. Used to recognise MP3 by content, to split a stream into whole frames, and to
 * find the Xing/LAME information frame.
 */

export interface MpegFrameHeader {
  /** 1 for MPEG-1; 2 for MPEG-2; 2.5 for the unofficial MPEG-2.5 low rates. */
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  bitrateKbps: number;
  sampleRate: number;
  channels: 1 | 2;
  /** The whole frame, header included. */
  frameBytes: number;
  samplesPerFrame: number;
  /** Bytes of Layer III side information after the header (and CRC): where Xing sits. */
  sideInfoBytes: number;
  hasCrc: boolean;
}

// Bitrates in kbit/s by index 1..14 (0 is free format, 15 is invalid), from the standards' tables.
const KBPS = {
  v1l1: [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  v1l2: [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  v1l3: [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l1: [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  v2l23: [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const RATES: Record<string, readonly number[]> = {
  '1': [44100, 48000, 32000],
  '2': [22050, 24000, 16000],
  '2.5': [11025, 12000, 8000],
};

export function parseMpegFrameHeader(bytes: Uint8Array, offset: number): MpegFrameHeader | null {
  if (offset + 4 > bytes.byteLength) return null;
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  const b3 = bytes[offset + 3]!;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15) return null;
  if (rateIndex === 3 || (b3 & 3) === 2) return null; // reserved rate; reserved emphasis
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const table =
    version === 1
      ? layer === 1
        ? KBPS.v1l1
        : layer === 2
          ? KBPS.v1l2
          : KBPS.v1l3
      : layer === 1
        ? KBPS.v2l1
        : KBPS.v2l23;
  const bitrateKbps = table[bitrateIndex - 1]!;
  const sampleRate = RATES[String(version)]![rateIndex]!;
  const padding = (b2 >> 1) & 1;
  const channels = b3 >> 6 === 3 ? 1 : 2;
  const bitrate = bitrateKbps * 1000;
  let frameBytes: number;
  let samplesPerFrame: number;
  if (layer === 1) {
    frameBytes = (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
    samplesPerFrame = 384;
  } else if (layer === 3 && version !== 1) {
    frameBytes = Math.floor((72 * bitrate) / sampleRate) + padding;
    samplesPerFrame = 576;
  } else {
    frameBytes = Math.floor((144 * bitrate) / sampleRate) + padding;
    samplesPerFrame = 1152;
  }
  const hasCrc = (b1 & 1) === 0;
  const sideInfoBytes =
    layer !== 3 ? 0 : version === 1 ? (channels === 1 ? 17 : 32) : channels === 1 ? 9 : 17;
  return {
    version,
    layer,
    bitrateKbps,
    sampleRate,
    channels,
    frameBytes,
    samplesPerFrame,
    sideInfoBytes,
    hasCrc,
  };
}

/** Frames of one stream share version, layer and rate; a false sync in data rarely does. */
export function sameMpegStream(a: MpegFrameHeader, b: MpegFrameHeader): boolean {
  return a.version === b.version && a.layer === b.layer && a.sampleRate === b.sampleRate;
}

/**
 * The first offset in [from, until) where a frame header is followed by a second,
 * consistent one right where the first frame ends: the test that tells MP3 from noise.
 */
export function findMpegFrameChain(bytes: Uint8Array, from: number, until: number): number {
  const last = Math.min(until, bytes.byteLength - 4);
  for (let offset = from; offset < last; offset += 1) {
    if (bytes[offset] !== 0xff) continue;
    const first = parseMpegFrameHeader(bytes, offset);
    if (!first) continue;
    const second = parseMpegFrameHeader(bytes, offset + first.frameBytes);
    if (second && sameMpegStream(first, second)) return offset;
  }
  return -1;
}

/** Size of the ID3v2 tags at `offset` (several may follow each other); 0 when there is none. */
export function id3v2TagsLength(bytes: Uint8Array, offset = 0): number {
  let end = offset;
  while (
    end + 10 <= bytes.byteLength &&
    bytes[end] === 0x49 && // "ID3"
    bytes[end + 1] === 0x44 &&
    bytes[end + 2] === 0x33
  ) {
    // The size is four 7-bit bytes ("syncsafe"); a footer adds 10 bytes when flagged.
    const size =
      ((bytes[end + 6]! & 0x7f) << 21) |
      ((bytes[end + 7]! & 0x7f) << 14) |
      ((bytes[end + 8]! & 0x7f) << 7) |
      (bytes[end + 9]! & 0x7f);
    const footer = (bytes[end + 5]! & 0x10) !== 0 ? 10 : 0;
    end += 10 + size + footer;
  }
  return end - offset;
}
