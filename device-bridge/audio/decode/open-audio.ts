/**
 * The entry point: openAudio(path) recognises a file by its content, reads what its
 * headers say (format, duration) without decoding, and returns a source whose pcm() streams
 * planar float chunks from the file each time it is called. Bad input throws an
 * AudioDecodeError whose message names the file and the problem.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { AudioDecodeError } from './audio-decode-error.js';
import type { AudioSource, OpenedAudio } from './audio-source.js';
import { openDemuxed } from './demuxed-source.js';
import { extensionMismatch } from './extension-mismatch.js';
import { readRange } from './file-bytes.js';
import { openFlac } from './flac-source.js';
import { id3v2TagsLength } from './mpeg-frame-header.js';
import { openMp3 } from './mp3-source.js';
import { openOgg } from './ogg-source.js';
import { sniffAudioFormat, type SniffedFormat } from './sniff-audio-format.js';
import { openWav } from './wav-source.js';

export type { AudioCodec, AudioContainer, AudioFormatInfo, AudioSource } from './audio-source.js';
export { AudioDecodeError, type AudioDecodeErrorCode } from './audio-decode-error.js';

export interface OpenAudioOptions {
  signal?: AbortSignal;
  /** ffmpeg for codecs with no bundled decoder (AAC): a path, null for never, or PATH's. */
  ffmpegPath?: string | null;
}

/** Bytes read to recognise a format: every magic number and first frame fits. */
const PROBE_BYTES = 64 * 1024;
/** Files with more ID3 tags in a row than this are damaged, not tagged. */
const MAX_ID3_TAGS = 8;

export async function openAudio(path: string, options: OpenAudioOptions = {}): Promise<AudioSource> {
  options.signal?.throwIfAborted();
  const handle = await open(path, 'r');
  let opened: OpenedAudio;
  let sniffed: Extract<SniffedFormat, { kind: 'audio' }>;
  try {
    const { size } = await handle.stat();
    if (size === 0) throw new AudioDecodeError('empty', path, 'is empty (0 bytes)');
    const found = await sniffFile(handle, size, path);
    sniffed = found.sniffed;
    opened = await openFormat(path, handle, size, found.sniffed, found.offset, options);
  } finally {
    await handle.close();
  }
  const mismatch = extensionMismatch(path, sniffed.container, sniffed.description);
  return {
    path,
    format: { ...opened.format, ...(mismatch ? { extensionMismatch: mismatch } : {}) },
    issues: opened.issues,
    pcm: (pcmOptions) => opened.pcm({ signal: pcmOptions?.signal ?? options.signal }),
  };
}

/** Skips ID3v2 tags (cover art can make them megabytes long), then sniffs what follows. */
async function sniffFile(
  handle: FileHandle,
  size: number,
  path: string,
): Promise<{ sniffed: Extract<SniffedFormat, { kind: 'audio' }>; offset: number }> {
  let offset = 0;
  let head = await readRange(handle, 0, PROBE_BYTES);
  for (let count = 0; count < MAX_ID3_TAGS; count += 1) {
    const tag = id3v2TagsLength(head);
    if (tag === 0) break;
    offset += tag;
    if (offset >= size)
      throw new AudioDecodeError('truncated', path, 'holds only a tag (ID3), no audio after it');
    head = await readRange(handle, offset, PROBE_BYTES);
  }
  const sniffed = sniffAudioFormat(head);
  if (sniffed.kind === 'audio') return { sniffed, offset };
  if (sniffed.kind === 'not-audio')
    throw new AudioDecodeError('not-audio', path, `is not audio: it is ${sniffed.description}`);
  if (sniffed.kind === 'other-audio')
    throw new AudioDecodeError('unsupported', path, `is ${sniffed.description}, which Talemo cannot read`);
  throw new AudioDecodeError(
    'not-audio',
    path,
    `is not in any audio format Talemo knows (${size} bytes that match no known format; it may be damaged)`,
  );
}

async function openFormat(
  path: string,
  handle: FileHandle,
  size: number,
  sniffed: Extract<SniffedFormat, { kind: 'audio' }>,
  offset: number,
  options: OpenAudioOptions,
): Promise<OpenedAudio> {
  const streamOffset = offset + sniffed.streamOffset;
  switch (sniffed.container) {
    case 'wav':
      return openWav(path, handle, size);
    case 'mp3':
      return openMp3(path, handle, size, streamOffset);
    case 'flac':
      return openFlac(path, handle, size, streamOffset);
    case 'ogg':
      if (sniffed.codec !== 'opus' && sniffed.codec !== 'vorbis')
        throw new AudioDecodeError('truncated', path, 'is cut short: it ends inside its first Ogg page');
      return openOgg(path, handle, size, sniffed.codec);
    case 'webm':
    case 'mp4':
      return openDemuxed(path, sniffed.container, options.ffmpegPath);
  }
}
