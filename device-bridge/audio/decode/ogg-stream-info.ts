/** What the first page of an Ogg file says about its stream, for the decoding passes. */
import type { OpusHead } from './opus-head.js';

export interface OggStreamInfo {
  codec: 'opus' | 'vorbis';
  sampleRate: number;
  channels: number;
  /** The first page's stream: later (chained) streams are not read. */
  serial: number;
  /** Samples at the start that only prime the decoder (Opus pre-skip). */
  preSkip: number;
  opusHead: OpusHead | null;
}
