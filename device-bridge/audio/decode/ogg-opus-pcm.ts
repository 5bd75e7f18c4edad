/**
 * Ogg Opus decoding: packets rebuilt from intact pages, decoded by opus-decoder (wasm
 * libopus), the same decoder the WebM path uses. Trimming is ours and exact: the pre-skip
 * from OpusHead at the start, and at the end-of-stream page everything past its granule
 * position (RFC 7845 §4.4).
 */
import { basename } from 'node:path';
import { OpusDecoder } from 'opus-decoder';
import { AudioDecodeError } from './audio-decode-error.js';
import { END_WITHOUT_MARK, addIssue, cutShortMessage } from './audio-issues.js';
import type { PcmReadOptions } from './audio-source.js';
import { streamFileBytes } from './file-bytes.js';
import { OggPacketAssembler } from './ogg-packet-assembler.js';
import { OggPageReader } from './ogg-page-reader.js';
import type { OggStreamInfo } from './ogg-stream-info.js';
import { PcmAssembler } from './pcm-assembler.js';
import type { PcmChunk } from '../pcm.js';

/** OpusHead and OpusTags come before the audio packets. */
const HEADER_PACKETS = 2;

export async function* oggOpusPcm(
  path: string,
  stream: OggStreamInfo,
  issues: string[],
  options: PcmReadOptions,
): AsyncGenerator<PcmChunk> {
  const decoder = new OpusDecoder({
    channels: stream.channels,
    preSkip: 0,
    ...(stream.opusHead?.mapping ?? {}),
  });
  const reader = new OggPageReader();
  const packets = new OggPacketAssembler();
  const assembler = new PcmAssembler({
    sampleRate: 48_000,
    channels: stream.channels,
    skipFrames: stream.preSkip,
  });
  let seen = 0;
  let damaged = 0;
  let ended = false;
  let otherStreams = false;
  const decode = (batch: Uint8Array[]): PcmChunk[] => {
    if (batch.length === 0) return [];
    const decoded = decoder.decodeFrames(batch);
    damaged += decoded.errors.length;
    return assembler.push(decoded.channelData, decoded.samplesDecoded);
  };
  try {
    await decoder.ready;
    for await (const bytes of streamFileBytes(path, 0, undefined, options.signal)) {
      let batch: Uint8Array[] = [];
      for (const page of reader.push(bytes)) {
        if (page.serial !== stream.serial || ended) {
          otherStreams ||= page.serial !== stream.serial;
          continue;
        }
        if (page.endOfStream) {
          // Its granule position ends the audio: cap the length before its packets decode.
          yield* decode(batch);
          batch = [];
          assembler.limitTo(Math.max(0, Number(page.granulePosition) - stream.preSkip));
          ended = true;
        }
        for (const packet of packets.push(page)) {
          seen += 1;
          if (seen > HEADER_PACKETS && packet.byteLength > 0) batch.push(packet);
        }
      }
      yield* decode(batch);
    }
    const partial = reader.finish();
    yield* assembler.finish(false);
    if (assembler.emittedFrames === 0)
      throw new AudioDecodeError(
        partial ? 'truncated' : 'corrupt',
        path,
        partial ? cutShortMessage(null, 0, END_WITHOUT_MARK) : 'has no decodable Opus audio',
      );
    const name = basename(path);
    if (!ended && !issues.some((issue) => issue.includes('is cut short')))
      addIssue(
        issues,
        `${name} ${cutShortMessage(null, assembler.emittedFrames / 48_000, END_WITHOUT_MARK)}`,
      );
    if (reader.damagedPages > 0)
      addIssue(issues, `${name} has ${reader.damagedPages} damaged pages; the audio skips there`);
    if (damaged + packets.lostPackets > 0)
      addIssue(
        issues,
        `${name} has ${damaged + packets.lostPackets} damaged packets; they may sound as gaps or noise`,
      );
    if (otherStreams) addIssue(issues, `${name} holds several joined streams; only the first was read`);
  } catch (error) {
    if (error instanceof AudioDecodeError || options.signal?.aborted) throw error;
    throw new AudioDecodeError('corrupt', path, 'has Opus data the decoder cannot read', { cause: error });
  } finally {
    decoder.free();
  }
}
