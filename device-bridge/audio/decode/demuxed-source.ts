/**
 * WebM/Matroska and MP4/M4A: mediabunny demuxes (it reads the file in bounded pieces and
 * needs no WebCodecs for that). Opus packets, what Chromium's MediaRecorder records, are
 * decoded here by opus-decoder (wasm libopus). Other codecs, AAC above all, have no
 * bundled decoder: a system ffmpeg decodes them when there is one; otherwise the error
 * says the app window (the browser's decoder) or ffmpeg is needed.
 */
import { basename } from 'node:path';
import { ALL_FORMATS, EncodedPacketSink, FilePathSource, Input } from 'mediabunny';
import { OpusDecoder } from 'opus-decoder';
import { AudioDecodeError } from './audio-decode-error.js';
import { addIssue, cutShortMessage } from './audio-issues.js';
import type { AudioCodec, OpenedAudio, PcmReadOptions } from './audio-source.js';
import { ffmpegPcm, findFfmpeg } from './ffmpeg-pcm.js';
import { parseOpusHead, type OpusHead } from './opus-head.js';
import { PcmAssembler } from './pcm-assembler.js';
import type { PcmChunk } from '../pcm.js';

/** mediabunny's read cache: what a demuxed file may hold in memory at once. */
const CACHE_BYTES = 4 * 1024 * 1024;
/** Packets decoded per wasm call: fewer calls, still a fraction of a second of audio. */
const PACKETS_PER_CALL = 50;

interface TrackFacts {
  codec: AudioCodec;
  sampleRate: number;
  channels: number;
  durationSeconds: number | null;
  /** True when the duration came from the header, so a shorter file is a cut one. */
  durationStated: boolean;
  opusHead: OpusHead | null;
}

export async function openDemuxed(
  path: string,
  container: 'webm' | 'mp4',
  ffmpegOption: string | null | undefined,
): Promise<OpenedAudio> {
  const facts = await withInput(path, (input) => readTrackFacts(input, path));
  const needsFfmpeg = facts.codec !== 'opus';
  const ffmpeg = needsFfmpeg ? await findFfmpeg(ffmpegOption) : null;
  if (needsFfmpeg && !ffmpeg) throw noDecoderError(path, facts.codec, container);
  const issues: string[] = [];
  return {
    format: {
      container,
      codec: facts.codec,
      sampleRate: facts.sampleRate,
      channels: facts.channels,
      durationSeconds: facts.durationSeconds,
    },
    issues,
    pcm: (options) =>
      ffmpeg ? ffmpegPcm(ffmpeg, path, facts, options.signal) : opusPacketsPcm(path, facts, issues, options),
  };
}

function noDecoderError(path: string, codec: AudioCodec, container: string): AudioDecodeError {
  if (codec === 'aac')
    return new AudioDecodeError(
      'needs-platform-decoder',
      path,
      'holds AAC audio, which needs the Talemo app window (its browser decodes AAC) or ffmpeg installed',
    );
  return new AudioDecodeError(
    'unsupported',
    path,
    `holds ${codec} audio inside ${container === 'webm' ? 'WebM' : 'MP4'}, which needs ffmpeg installed`,
  );
}

async function withInput<T>(path: string, use: (input: Input) => Promise<T>): Promise<T> {
  const input = new Input({
    source: new FilePathSource(path, { maxCacheSize: CACHE_BYTES }),
    formats: ALL_FORMATS,
  });
  try {
    return await use(input);
  } catch (error) {
    if (error instanceof AudioDecodeError) throw error;
    throw new AudioDecodeError('corrupt', path, `could not be read: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    input.dispose();
  }
}

// mediabunny's codec names, mapped to ours; PCM variants all count as 'pcm'.
function ourCodec(codec: string | null): AudioCodec | null {
  if (codec === 'aac' || codec === 'opus' || codec === 'mp3' || codec === 'vorbis' || codec === 'flac')
    return codec;
  return codec?.startsWith('pcm-') ? 'pcm' : null;
}

async function readTrackFacts(input: Input, path: string): Promise<TrackFacts> {
  const track = await input.getPrimaryAudioTrack();
  if (!track) {
    // No tracks at all means the index is missing (an MP4's moov often sits at the end).
    const tracks = await input.getTracks();
    if (tracks.length === 0)
      throw new AudioDecodeError('corrupt', path, 'is damaged or cut short: it has no readable track index');
    throw new AudioDecodeError('not-audio', path, 'is a video without sound');
  }
  const codecName = await track.getCodec();
  const codec = ourCodec(codecName);
  if (!codec)
    throw new AudioDecodeError(
      'unsupported',
      path,
      `holds ${codecName ?? 'unknown'} audio, which Talemo cannot read`,
    );
  const config = await track.getDecoderConfig();
  const description = config?.description;
  const opusHead = codec === 'opus' && description ? parseOpusHead(toBytes(description)) : null;
  // From the header when it says; MediaRecorder's WebM does not, so then from the packet index.
  const stated = await input.getDurationFromMetadata([track]);
  const computed = stated !== null && stated > 0 ? stated : await input.computeDuration([track]);
  return {
    codec,
    sampleRate: codec === 'opus' ? 48_000 : await track.getSampleRate(),
    channels: await track.getNumberOfChannels(),
    durationSeconds: computed > 0 ? computed : null,
    durationStated: stated !== null && stated > 0,
    opusHead,
  };
}

function toBytes(source: AllowSharedBufferSource): Uint8Array {
  return ArrayBuffer.isView(source)
    ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
    : new Uint8Array(source);
}

async function* opusPacketsPcm(
  path: string,
  facts: TrackFacts,
  issues: string[],
  options: PcmReadOptions,
): AsyncGenerator<PcmChunk> {
  const input = new Input({
    source: new FilePathSource(path, { maxCacheSize: CACHE_BYTES }),
    formats: ALL_FORMATS,
  });
  const head = facts.opusHead;
  const decoder = new OpusDecoder({ channels: facts.channels, preSkip: 0, ...(head?.mapping ?? {}) });
  // Pre-skip is cut by the assembler so that every format trims the same way.
  const assembler = new PcmAssembler({
    sampleRate: 48_000,
    channels: facts.channels,
    skipFrames: head?.preSkip ?? 0,
  });
  try {
    await decoder.ready;
    const track = await input.getPrimaryAudioTrack();
    if (!track) throw new AudioDecodeError('not-audio', path, 'has no audio track');
    let batch: Uint8Array[] = [];
    let damaged = 0;
    const decodeBatch = (): PcmChunk[] => {
      const decoded = decoder.decodeFrames(batch);
      damaged += decoded.errors.length;
      batch = [];
      return assembler.push(decoded.channelData, decoded.samplesDecoded);
    };
    for await (const packet of new EncodedPacketSink(track).packets()) {
      options.signal?.throwIfAborted();
      batch.push(packet.data);
      if (batch.length >= PACKETS_PER_CALL) yield* decodeBatch();
    }
    yield* decodeBatch();
    yield* assembler.finish(false);
    if (assembler.emittedFrames === 0)
      throw new AudioDecodeError('corrupt', path, 'has no decodable Opus audio');
    reportProblems(path, facts, issues, assembler.emittedFrames / 48_000, damaged);
  } catch (error) {
    if (error instanceof AudioDecodeError || options.signal?.aborted) throw error;
    throw new AudioDecodeError('corrupt', path, `could not be decoded: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    decoder.free();
    input.dispose();
  }
}

/** Packets can end one Opus frame (up to 120 ms) short of the header's length without damage. */
const CUT_SHORT_MARGIN_SECONDS = 0.2;

function reportProblems(
  path: string,
  facts: TrackFacts,
  issues: string[],
  heldSeconds: number,
  damagedPackets: number,
): void {
  const name = basename(path);
  const stated = facts.durationStated ? facts.durationSeconds : null;
  if (stated !== null && heldSeconds < stated - CUT_SHORT_MARGIN_SECONDS)
    addIssue(issues, `${name} ${cutShortMessage(stated, heldSeconds)}`);
  if (damagedPackets > 0)
    addIssue(issues, `${name} has ${damagedPackets} damaged packets; they may sound as gaps or noise`);
}
