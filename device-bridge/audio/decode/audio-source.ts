/** What opening an audio file tells about it, and how its samples are read. */
import type { PcmStream } from '../pcm.js';

export type AudioContainer = 'wav' | 'mp3' | 'ogg' | 'flac' | 'webm' | 'mp4';
export type AudioCodec = 'pcm' | 'mp3' | 'vorbis' | 'opus' | 'flac' | 'aac';

export interface AudioFormatInfo {
  container: AudioContainer;
  codec: AudioCodec;
  /** The rate of the PCM that pcm() yields (Opus always decodes at 48 kHz). */
  sampleRate: number;
  channels: number;
  /** Playing time read from headers without decoding; null where the file does not say. */
  durationSeconds: number | null;
  bitsPerSample?: number;
  /** Average bits per second of the stored audio, where it can be known cheaply. */
  bitrate?: number;
  /** Set when the file's name promises another format, e.g. "named .mp3 but is a WAV file". */
  extensionMismatch?: string;
}

export interface PcmReadOptions {
  signal?: AbortSignal;
}

export interface AudioSource {
  path: string;
  format: AudioFormatInfo;
  /**
   * Problems that do not stop decoding, as sentences for a parent ("story.wav is cut short:
   * …"). Filled at open time where headers reveal them; pcm() adds what only decoding
   * reveals (damaged frames, a stream that ends early), once each.
   */
  issues: string[];
  /** Decodes from the start of the file each time it is called; memory stays bounded. */
  pcm(options?: PcmReadOptions): PcmStream;
}

/** What a per-format opener hands back to openAudio, before naming checks. */
export interface OpenedAudio {
  format: Omit<AudioFormatInfo, 'extensionMismatch'>;
  issues: string[];
  pcm(options: PcmReadOptions): PcmStream;
}
