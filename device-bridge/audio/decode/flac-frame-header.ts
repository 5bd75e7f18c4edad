/**
 * FLAC frame headers and checksums (RFC 9639 §9.1): enough to find where each frame starts
 * and ends in a byte stream, so damaged or cut frames are noticed before libFLAC sees them.
 */

export interface FlacStreamShape {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
}

export interface FlacFrameHeader {
  blockSize: number;
  /** Fixed- or variable-blocksize stream: every frame of a stream agrees. */
  variableBlockSize: boolean;
}

/** The longest possible frame header: sync, codes, a 7-byte number, sizes and its CRC-8. */
export const FLAC_MAX_HEADER_BYTES = 16;

// Sample rates by code 1..11 (0: from STREAMINFO; 12..14: stored after the number).
const RATE_CODES = [0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000];
// Bits per sample by code (0: from STREAMINFO; 3 is reserved).
const BITS_CODES = [0, 8, 12, -1, 16, 20, 24, 32];

const CRC8_TABLE = crcTable(8, 0x07);
const CRC16_TABLE = crcTable(16, 0x8005);

function crcTable(width: 8 | 16, poly: number): Uint16Array {
  const top = 1 << (width - 1);
  const mask = (1 << width) - 1;
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i += 1) {
    let r = i << (width - 8);
    for (let bit = 0; bit < 8; bit += 1) r = r & top ? ((r << 1) ^ poly) & mask : (r << 1) & mask;
    table[i] = r;
  }
  return table;
}

export function flacCrc16(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i += 1) {
    crc = ((crc << 8) ^ CRC16_TABLE[(crc >> 8) ^ bytes[i]!]!) & 0xffff;
  }
  return crc;
}

function crc8(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i += 1) crc = CRC8_TABLE[crc ^ bytes[i]!]!;
  return crc;
}

/**
 * The header at `at` when it is a valid frame header of a stream shaped like `shape`
 * (sync code, codes, CRC-8 all check out); null otherwise or when bytes are missing.
 */
export function parseFlacFrameHeader(
  bytes: Uint8Array,
  at: number,
  shape: FlacStreamShape,
): FlacFrameHeader | null {
  if (at + 6 > bytes.byteLength) return null;
  if (bytes[at] !== 0xff || (bytes[at + 1]! & 0xfe) !== 0xf8) return null;
  const blockCode = bytes[at + 2]! >> 4;
  const rateCode = bytes[at + 2]! & 0x0f;
  const channelCode = bytes[at + 3]! >> 4;
  const bitsCode = (bytes[at + 3]! >> 1) & 0x07;
  if (blockCode === 0 || rateCode === 15 || channelCode > 10 || (bytes[at + 3]! & 1) !== 0) return null;
  if ((channelCode < 8 ? channelCode + 1 : 2) !== shape.channels) return null;
  const bits = BITS_CODES[bitsCode]!;
  if (bits < 0 || (bits > 0 && bits !== shape.bitsPerSample)) return null;
  let pos = at + 4;
  // The frame or sample number is coded like UTF-8, in 1 to 7 bytes.
  const lead = bytes[pos]!;
  const numberBytes = lead < 0x80 ? 1 : Math.clz32(~(lead << 24)); // count of leading ones
  if (numberBytes < 1 || numberBytes > 7 || (lead & 0xc0) === 0x80) return null;
  for (let i = 1; i < numberBytes; i += 1) {
    if (((bytes[pos + i] ?? 0) & 0xc0) !== 0x80) return null;
  }
  pos += numberBytes;
  let blockSize: number;
  if (blockCode === 1) blockSize = 192;
  else if (blockCode <= 5) blockSize = 576 << (blockCode - 2);
  else if (blockCode === 6) blockSize = (bytes[pos++] ?? 0) + 1;
  else if (blockCode === 7) {
    blockSize = (((bytes[pos] ?? 0) << 8) | (bytes[pos + 1] ?? 0)) + 1;
    pos += 2;
  } else blockSize = 256 << (blockCode - 8);
  let rate = RATE_CODES[rateCode] ?? 0;
  if (rateCode === 12) rate = (bytes[pos++] ?? 0) * 1000;
  else if (rateCode === 13 || rateCode === 14) {
    rate = (((bytes[pos] ?? 0) << 8) | (bytes[pos + 1] ?? 0)) * (rateCode === 14 ? 10 : 1);
    pos += 2;
  }
  if (rate > 0 && rate !== shape.sampleRate) return null;
  if (pos >= bytes.byteLength || crc8(bytes, at, pos) !== bytes[pos]) return null;
  return { blockSize, variableBlockSize: (bytes[at + 1]! & 1) === 1 };
}
