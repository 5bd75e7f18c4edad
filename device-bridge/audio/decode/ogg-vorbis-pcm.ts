/**
 * Ogg Vorbis decoding: intact pages go, a read's worth at a time, to
 * @wasm-audio-decoders/ogg-vorbis (wasm libvorbis), which parses the pages itself and
 * trims the end to the last granule position. No raw-packet Vorbis decoder ships on npm.
 */
import { basename } from 'node:path';
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { AudioDecodeError } from './audio-decode-error.js';
import { END_WITHOUT_MARK, addIssue, cutShortMessage } from './audio-issues.js';
import type { PcmReadOptions } from './audio-source.js';
import { streamFileBytes } from './file-bytes.js';
import { OggPageReader, type OggPage } from './ogg-page-reader.js';
import type { OggStreamInfo } from './ogg-stream-info.js';
import { PcmAssembler } from './pcm-assembler.js';
import type { PcmChunk } from '../pcm.js';

interface Decoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  errors: unknown[];
}

export async function* oggVorbisPcm(
  path: string,
  stream: OggStreamInfo,
  issues: string[],
  options: PcmReadOptions,
): AsyncGenerator<PcmChunk> {
  const decoder = new OggVorbisDecoder();
  const reader = new OggPageReader();
  const assembler = new PcmAssembler({ sampleRate: stream.sampleRate, channels: stream.channels });
  let decodeErrors = 0;
  const take = (decoded: Decoded): PcmChunk[] => {
    decodeErrors += decoded.errors.length;
    return assembler.push(decoded.channelData, decoded.samplesDecoded);
  };
  try {
    await decoder.ready;
    for await (const bytes of streamFileBytes(path, 0, undefined, options.signal)) {
      const pages = reader.push(bytes);
      if (pages.length > 0) yield* take(await decodePages(decoder, pages, path));
    }
    const partial = reader.finish();
    yield* take(await decoder.flush());
    yield* assembler.finish(false);
    if (assembler.emittedFrames === 0)
      throw new AudioDecodeError(
        partial ? 'truncated' : 'corrupt',
        path,
        partial ? cutShortMessage(null, 0, END_WITHOUT_MARK) : 'has no decodable Vorbis audio',
      );
    const name = basename(path);
    const ended = reader.lastPage?.endOfStream === true && !partial;
    if (!ended && !issues.some((issue) => issue.includes('is cut short')))
      addIssue(
        issues,
        `${name} ${cutShortMessage(null, assembler.emittedFrames / stream.sampleRate, END_WITHOUT_MARK)}`,
      );
    if (reader.damagedPages > 0)
      addIssue(issues, `${name} has ${reader.damagedPages} damaged pages; the audio skips there`);
    if (decodeErrors > 0)
      addIssue(issues, `${name} has ${decodeErrors} damaged packets; they may sound as gaps or noise`);
  } finally {
    decoder.free();
  }
}

/** One decoder call per read: calling it page by page halves its speed. */
async function decodePages(decoder: OggVorbisDecoder, pages: OggPage[], path: string): Promise<Decoded> {
  const bytes = new Uint8Array(pages.reduce((sum, page) => sum + page.bytes.byteLength, 0));
  let at = 0;
  for (const page of pages) {
    bytes.set(page.bytes, at);
    at += page.bytes.byteLength;
  }
  try {
    return await decoder.decode(bytes);
  } catch (error) {
    throw new AudioDecodeError('corrupt', path, 'has Ogg data the decoder cannot read', { cause: error });
  }
}
