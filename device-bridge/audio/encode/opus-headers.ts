/**
 * The two header packets of an Ogg Opus stream (RFC 7845 §5): OpusHead (identification)
 * and OpusTags (comments), built and parsed.
 */

const HEAD_MAGIC = 'OpusHead';
const TAGS_MAGIC = 'OpusTags';
/** OpusHead with channel mapping family 0 (mono or stereo) is always 19 bytes. */
export const OPUS_HEAD_BYTES = 19;

export interface OpusHead {
  version: number;
  channels: number;
  /** Samples (at 48 kHz) the decoder drops at the start: the encoder's lookahead. */
  preSkip: number;
  /** Rate of the audio before encoding; informative only, Opus always decodes at 48 kHz. */
  inputSampleRate: number;
  /** Q7.8 dB gain the decoder applies. */
  outputGain: number;
  mappingFamily: number;
}

export interface OpusTags {
  vendor: string;
  comments: string[];
}

export class OpusHeaderError extends Error {
  override name = 'OpusHeaderError';
}

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

export function buildOpusHead(head: Omit<OpusHead, 'version' | 'mappingFamily'>): Uint8Array {
  if (head.channels !== 1 && head.channels !== 2) {
    throw new OpusHeaderError(`channel mapping family 0 carries 1 or 2 channels, not ${head.channels}`);
  }
  const out = new Uint8Array(OPUS_HEAD_BYTES);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(HEAD_MAGIC));
  out[8] = 1; // version
  out[9] = head.channels;
  view.setUint16(10, head.preSkip, true);
  view.setUint32(12, head.inputSampleRate, true);
  view.setInt16(16, head.outputGain, true);
  out[18] = 0; // mapping family 0: no channel mapping table follows
  return out;
}

export function parseOpusHead(packet: Uint8Array): OpusHead {
  if (packet.length < OPUS_HEAD_BYTES || ascii(packet, 0, 8) !== HEAD_MAGIC) {
    throw new OpusHeaderError('first packet is not an OpusHead');
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const head: OpusHead = {
    version: packet[8]!,
    channels: packet[9]!,
    preSkip: view.getUint16(10, true),
    inputSampleRate: view.getUint32(12, true),
    outputGain: view.getInt16(16, true),
    mappingFamily: packet[18]!,
  };
  // A mapping family other than 0 adds a table: stream count, coupled count, one byte per channel.
  if (head.mappingFamily !== 0 && packet.length < OPUS_HEAD_BYTES + 2 + head.channels) {
    throw new OpusHeaderError('OpusHead channel mapping table is cut short');
  }
  return head;
}

/**
 * An OpusTags packet. With `length`, a `pad=000…` comment makes the packet exactly that
 * long (as teddycloud does for the Tonie header pages) rather than trailing bytes, which
 * some tag readers would show as garbage.
 */
export function buildOpusTags(tags: OpusTags, length?: number): Uint8Array {
  const encoder = new TextEncoder();
  const vendor = encoder.encode(tags.vendor);
  const comments = tags.comments.map((c) => encoder.encode(c));
  let size = 8 + 4 + vendor.length + 4 + comments.reduce((n, c) => n + 4 + c.length, 0);
  if (length !== undefined) {
    const zeros = length - size - 4 - 'pad='.length;
    if (zeros < 0) throw new OpusHeaderError(`OpusTags needs ${size + 8} bytes, more than ${length}`);
    comments.push(encoder.encode(`pad=${'0'.repeat(zeros)}`));
    size = length;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(encoder.encode(TAGS_MAGIC));
  let at = 8;
  const field = (bytes: Uint8Array): void => {
    view.setUint32(at, bytes.length, true);
    out.set(bytes, at + 4);
    at += 4 + bytes.length;
  };
  field(vendor);
  view.setUint32(at, comments.length, true);
  at += 4;
  for (const c of comments) field(c);
  return out;
}

export function parseOpusTags(packet: Uint8Array): OpusTags {
  if (packet.length < 16 || ascii(packet, 0, 8) !== TAGS_MAGIC) {
    throw new OpusHeaderError('second packet is not an OpusTags');
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const decoder = new TextDecoder();
  let at = 8;
  const field = (): string => {
    if (at + 4 > packet.length) throw new OpusHeaderError('OpusTags is cut short');
    const length = view.getUint32(at, true);
    if (at + 4 + length > packet.length) throw new OpusHeaderError('an OpusTags string overruns the packet');
    const text = decoder.decode(packet.subarray(at + 4, at + 4 + length));
    at += 4 + length;
    return text;
  };
  const vendor = field();
  if (at + 4 > packet.length) throw new OpusHeaderError('OpusTags has no comment count');
  const count = view.getUint32(at, true);
  at += 4;
  const comments: string[] = [];
  for (let i = 0; i < count; i += 1) comments.push(field());
  return { vendor, comments };
}
