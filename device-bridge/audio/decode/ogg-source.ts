/**
 * Ogg Opus and Ogg Vorbis: the file's facts from its first page and its tail (the last
 * granule position is the exact length, read without decoding), and the decoding passes.
 * Our page reader checks every page's CRC, so damaged or cut pages never reach a decoder.
 */
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { AudioDecodeError } from './audio-decode-error.js';
import { END_WITHOUT_MARK, cutShortMessage } from './audio-issues.js';
import type { OpenedAudio } from './audio-source.js';
import { readRange } from './file-bytes.js';
import { oggOpusPcm } from './ogg-opus-pcm.js';
import { OggPageReader, type OggPage } from './ogg-page-reader.js';
import { oggVorbisPcm } from './ogg-vorbis-pcm.js';
import type { OggStreamInfo } from './ogg-stream-info.js';
import { parseOpusHead } from './opus-head.js';

/** Opus timestamps always count 48 kHz samples, whatever the input rate was (RFC 7845). */
const OPUS_RATE = 48_000;
/** An Ogg page is at most 65,307 bytes, so the last one lies within this many. */
const TAIL_BYTES = 66 * 1024;
export async function openOgg(
  path: string,
  handle: FileHandle,
  fileSize: number,
  codec: 'opus' | 'vorbis',
): Promise<OpenedAudio> {
  const head = new OggPageReader().push(await readRange(handle, 0, 64 * 1024));
  const first = head[0];
  if (!first) throw new AudioDecodeError('corrupt', path, 'has a damaged first Ogg page');
  const stream = readIdentification(first, codec, path);
  const tail = lastPages(await readRange(handle, Math.max(0, fileSize - TAIL_BYTES), TAIL_BYTES));
  const end = tail.last ?? head[head.length - 1]!;
  const samples = Number(end.granulePosition) - stream.preSkip;
  const durationSeconds = end.granulePosition >= 0n && samples >= 0 ? samples / stream.sampleRate : null;
  const issues: string[] = [];
  if (tail.partial || !end.endOfStream) {
    issues.push(`${basename(path)} ${cutShortMessage(null, durationSeconds ?? 0, END_WITHOUT_MARK)}`);
  }
  return {
    format: {
      container: 'ogg',
      codec,
      sampleRate: stream.sampleRate,
      channels: stream.channels,
      durationSeconds,
      ...(durationSeconds ? { bitrate: Math.round((fileSize * 8) / durationSeconds) } : {}),
    },
    issues,
    pcm: (options) =>
      stream.codec === 'opus'
        ? oggOpusPcm(path, stream, issues, options)
        : oggVorbisPcm(path, stream, issues, options),
  };
}

/** The first page holds the identification header alone (RFC 7845 §3, Vorbis I §4.2.2). */
function readIdentification(page: OggPage, codec: 'opus' | 'vorbis', path: string): OggStreamInfo {
  const payload = page.bytes.subarray(27 + page.bytes[26]!);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const opusHead = codec === 'opus' ? parseOpusHead(payload) : null;
  if (opusHead) {
    const { channels, preSkip } = opusHead;
    return { codec, sampleRate: OPUS_RATE, channels, serial: page.serial, preSkip, opusHead };
  }
  if (codec === 'vorbis' && payload.byteLength >= 30) {
    const [sampleRate, channels] = [view.getUint32(12, true), payload[11]!];
    return { codec, sampleRate, channels, serial: page.serial, preSkip: 0, opusHead: null };
  }
  throw new AudioDecodeError('corrupt', path, `has a damaged ${codec} header`);
}

/** The last intact page in the file's tail, and whether bytes of a cut page follow it. */
function lastPages(tail: Uint8Array): { last: OggPage | null; partial: boolean } {
  // The tail may start inside a page: the reader skips to the first capture pattern.
  const reader = new OggPageReader();
  reader.push(tail);
  return { last: reader.lastPage, partial: reader.finish() };
}
