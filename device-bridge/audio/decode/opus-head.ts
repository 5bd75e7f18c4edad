/** The Opus identification header (RFC 7845 §5.1), as WebM's CodecPrivate carries it. */

export interface OpusHead {
  channels: number;
  /** 48 kHz samples to drop at the start: the encoder's look-ahead. */
  preSkip: number;
  /** Multichannel layout (mapping family 1 and up); absent for mono and stereo. */
  mapping?: { streamCount: number; coupledStreamCount: number; channelMappingTable: number[] };
}

export function parseOpusHead(bytes: Uint8Array): OpusHead | null {
  if (bytes.byteLength < 19 || String.fromCharCode(...bytes.subarray(0, 8)) !== 'OpusHead') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const channels = bytes[9]!;
  const preSkip = view.getUint16(10, true);
  if (bytes[18] === 0 || bytes.byteLength < 21 + channels) return { channels, preSkip };
  return {
    channels,
    preSkip,
    mapping: {
      streamCount: bytes[19]!,
      coupledStreamCount: bytes[20]!,
      channelMappingTable: [...bytes.subarray(21, 21 + channels)],
    },
  };
}
