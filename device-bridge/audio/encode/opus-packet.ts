/**
 * Opus packet framing (RFC 6716 §3): reading a packet's TOC byte and frames, and
 * re-framing a packet as "code 3" with padding so it grows to an exact byte length while
 * decoding to the very same audio. The Tonie layout needs that to fill each Ogg page to
 * exactly 4096 bytes (the same trick as libopus `opus_packet_pad`).
 */

/** Largest frame RFC 6716 allows (R2). */
const MAX_FRAME_BYTES = 1275;
/** A packet may not hold more than 120 ms of audio (R5), counted at 48 kHz. */
const MAX_PACKET_SAMPLES = 5760;

export interface OpusPacketInfo {
  /** TOC configuration number, 0..31: mode, bandwidth and frame duration. */
  config: number;
  stereo: boolean;
  /** Frame-count code of the TOC byte, 0..3. */
  code: number;
  /** Samples per frame at 48 kHz (120 for 2.5 ms up to 2880 for 60 ms). */
  frameSamples: number;
  /** The compressed frames, as views into the packet. */
  frames: Uint8Array[];
  /** Samples the packet decodes to at 48 kHz. */
  samples: number;
  /** Bytes spent on code-3 padding, including the padding-length bytes. */
  paddingBytes: number;
}

export class OpusPacketError extends Error {
  override name = 'OpusPacketError';
}

/** Frame duration in 48 kHz samples by TOC config (RFC 6716 Table 2). */
export function opusFrameSamples(config: number): number {
  if (config < 12) return [480, 960, 1920, 2880][config % 4]!; // SILK-only: 10/20/40/60 ms
  if (config < 16) return [480, 960][config % 2]!; // hybrid: 10/20 ms
  return [120, 240, 480, 960][config % 4]!; // CELT-only: 2.5/5/10/20 ms
}

/** Reads a frame length (1 or 2 bytes, §3.2.1); returns [length, bytes used] or null if cut short. */
function readFrameLength(packet: Uint8Array, at: number): [number, number] | null {
  const first = packet[at];
  if (first === undefined) return null;
  if (first < 252) return [first, 1];
  const second = packet[at + 1];
  if (second === undefined) return null;
  return [4 * second + first, 2];
}

/** Splits a packet into its frames, checking the rules R1–R7 of RFC 6716 §3.4. */
export function parseOpusPacket(packet: Uint8Array): OpusPacketInfo {
  const toc = packet[0];
  if (toc === undefined) throw new OpusPacketError('empty Opus packet (R1)');
  const config = toc >> 3;
  const code = toc & 0x03;
  const frameSamples = opusFrameSamples(config);
  const info = (frames: Uint8Array[], paddingBytes: number): OpusPacketInfo => {
    for (const frame of frames) {
      if (frame.length > MAX_FRAME_BYTES) throw new OpusPacketError(`frame of ${frame.length} bytes (R2)`);
    }
    return {
      config,
      stereo: (toc & 0x04) !== 0,
      code,
      frameSamples,
      frames,
      samples: frames.length * frameSamples,
      paddingBytes,
    };
  };
  if (code === 0) return info([packet.subarray(1)], 0);
  if (code === 1) {
    if ((packet.length - 1) % 2 !== 0) throw new OpusPacketError('code 1 packet with odd payload (R3)');
    const half = (packet.length - 1) / 2;
    return info([packet.subarray(1, 1 + half), packet.subarray(1 + half)], 0);
  }
  if (code === 2) {
    const len = readFrameLength(packet, 1);
    if (!len || 1 + len[1] + len[0] > packet.length) throw new OpusPacketError('code 2 frame overruns (R4)');
    const start = 1 + len[1];
    return info([packet.subarray(start, start + len[0]), packet.subarray(start + len[0])], 0);
  }
  return parseCode3(packet, info, frameSamples);
}

function parseCode3(
  packet: Uint8Array,
  info: (frames: Uint8Array[], padding: number) => OpusPacketInfo,
  frameSamples: number,
): OpusPacketInfo {
  const countByte = packet[1];
  if (countByte === undefined) throw new OpusPacketError('code 3 packet without frame count (R6)');
  const count = countByte & 0x3f;
  const vbr = (countByte & 0x80) !== 0;
  if (count === 0 || count * frameSamples > MAX_PACKET_SAMPLES) {
    throw new OpusPacketError(`code 3 packet with ${count} frames (R5)`);
  }
  let at = 2;
  let padding = 0;
  let paddingLengthBytes = 0;
  if (countByte & 0x40) {
    for (;;) {
      const b = packet[at];
      if (b === undefined) throw new OpusPacketError('padding length overruns the packet (R7)');
      at += 1;
      paddingLengthBytes += 1;
      padding += b === 255 ? 254 : b;
      if (b !== 255) break;
    }
  }
  const end = packet.length - padding;
  const frames: Uint8Array[] = [];
  if (vbr) {
    const lengths: number[] = [];
    for (let i = 0; i < count - 1; i += 1) {
      const len = readFrameLength(packet, at);
      if (!len) throw new OpusPacketError('frame lengths overrun the packet (R6)');
      lengths.push(len[0]);
      at += len[1];
    }
    for (const len of lengths) {
      frames.push(packet.subarray(at, at + len));
      at += len;
    }
    if (at > end) throw new OpusPacketError('VBR frames overrun the packet (R6)');
    frames.push(packet.subarray(at, end));
  } else {
    const payload = end - at;
    if (payload < 0 || payload % count !== 0)
      throw new OpusPacketError('CBR frames do not divide evenly (R6)');
    const each = payload / count;
    for (let i = 0; i < count; i += 1) frames.push(packet.subarray(at + i * each, at + (i + 1) * each));
  }
  return info(frames, padding + paddingLengthBytes);
}

/** Bytes a frame length takes when written before a frame (§3.2.1). */
function frameLengthBytes(length: number): number {
  return length < 252 ? 1 : 2;
}

function writeFrameLength(out: Uint8Array, at: number, length: number): number {
  if (length < 252) {
    out[at] = length;
    return 1;
  }
  const first = 252 + (length & 3);
  out[at] = first;
  out[at + 1] = (length - first) >> 2;
  return 2;
}

/** The smallest length a code-3 re-framing of this packet can have (no padding). */
export function code3MinimumLength(info: OpusPacketInfo): number {
  const vbr = !info.frames.every((f) => f.length === info.frames[0]!.length);
  let size = 2;
  if (vbr)
    for (let i = 0; i < info.frames.length - 1; i += 1) size += frameLengthBytes(info.frames[i]!.length);
  for (const frame of info.frames) size += frame.length;
  return size;
}

/**
 * Re-frames `packet` as a code-3 packet of exactly `length` bytes: same TOC configuration,
 * same frames, the difference made up by padding, which decoders skip (§3.2.5).
 */
export function padOpusPacket(packet: Uint8Array, length: number): Uint8Array {
  const info = parseOpusPacket(packet);
  const base = code3MinimumLength(info);
  const extra = length - base;
  if (extra < 0) throw new OpusPacketError(`cannot shrink a packet to ${length} bytes (needs ${base})`);
  const vbr = !info.frames.every((f) => f.length === info.frames[0]!.length);
  const out = new Uint8Array(length); // zero-filled: the padding bytes stay 0
  out[0] = (packet[0]! & 0xfc) | 3;
  out[1] = (vbr ? 0x80 : 0) | (extra > 0 ? 0x40 : 0) | info.frames.length;
  let at = 2;
  if (extra > 0) {
    // `extra` covers the length bytes and the padding itself: k bytes of 255 (each "254
    // more, and another byte follows") then a final byte, so extra = k + 1 + padding.
    const k = Math.floor((extra - 1) / 255);
    const padding = extra - 1 - k;
    for (let i = 0; i < k; i += 1) out[at++] = 255;
    out[at++] = padding - 254 * k;
  }
  if (vbr)
    for (let i = 0; i < info.frames.length - 1; i += 1)
      at += writeFrameLength(out, at, info.frames[i]!.length);
  for (const frame of info.frames) {
    out.set(frame, at);
    at += frame.length;
  }
  return out;
}

/**
 * Joins consecutive packets of one encoder into a single code-3 packet (RFC 6716 §3.2.5),
 * as libopus does for its own 40 and 60 ms CELT packets. Returns null when the packets
 * differ in TOC configuration or channel count, which one packet cannot express.
 */
export function joinOpusPackets(packets: Uint8Array[]): Uint8Array | null {
  const infos = packets.map(parseOpusPacket);
  const first = infos[0];
  if (!first) return null;
  if (infos.some((i) => i.config !== first.config || i.stereo !== first.stereo)) return null;
  const frames = infos.flatMap((i) => i.frames);
  if (frames.length > 48 || frames.length * first.frameSamples > MAX_PACKET_SAMPLES) return null;
  const vbr = !frames.every((f) => f.length === frames[0]!.length);
  let length = 2 + frames.reduce((n, f) => n + f.length, 0);
  if (vbr) for (let i = 0; i < frames.length - 1; i += 1) length += frameLengthBytes(frames[i]!.length);
  const out = new Uint8Array(length);
  out[0] = (packets[0]![0]! & 0xfc) | 3;
  out[1] = (vbr ? 0x80 : 0) | frames.length;
  let at = 2;
  if (vbr) for (let i = 0; i < frames.length - 1; i += 1) at += writeFrameLength(out, at, frames[i]!.length);
  for (const frame of frames) {
    out.set(frame, at);
    at += frame.length;
  }
  return out;
}
