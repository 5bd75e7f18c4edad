/**
 * FLAC: STREAMINFO gives rate, channels, depth and the exact length; our frame splitter
 * checks every frame's CRC and libFLAC (wasm, @wasm-audio-decoders/flac) decodes the good
 * ones. A damaged frame becomes silence of its own length, so the timing of the rest holds.
 */
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { AudioDecodeError } from './audio-decode-error.js';
import { addIssue, cutShortMessage } from './audio-issues.js';
import type { OpenedAudio, PcmReadOptions } from './audio-source.js';
import { readRange, streamFileBytes } from './file-bytes.js';
import { FlacFrameSplitter, type FlacFrame } from './flac-frame-splitter.js';
import { PcmAssembler } from './pcm-assembler.js';
import type { PcmChunk } from '../pcm.js';

interface StreamInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 0 when the encoder did not know the length (a live stream). */
  totalSamples: number;
  maxFrameBytes: number;
  audioOffset: number;
}

const STREAMINFO = 0;
/** Metadata blocks a sane file has; bounds the walk over a damaged one. */
const MAX_BLOCKS = 1000;

export async function openFlac(
  path: string,
  handle: FileHandle,
  fileSize: number,
  streamOffset: number,
): Promise<OpenedAudio> {
  const info = await readMetadata(handle, fileSize, streamOffset, path);
  const durationSeconds = info.totalSamples > 0 ? info.totalSamples / info.sampleRate : null;
  const issues: string[] = [];
  return {
    format: {
      container: 'flac',
      codec: 'flac',
      sampleRate: info.sampleRate,
      channels: info.channels,
      durationSeconds,
      bitsPerSample: info.bitsPerSample,
      ...(durationSeconds
        ? { bitrate: Math.round(((fileSize - info.audioOffset) * 8) / durationSeconds) }
        : {}),
    },
    issues,
    pcm: (options) => flacPcm(path, info, issues, options),
  };
}

/** Walks the metadata blocks (a cover picture may be megabytes) to STREAMINFO and the audio. */
async function readMetadata(
  handle: FileHandle,
  fileSize: number,
  streamOffset: number,
  path: string,
): Promise<StreamInfo> {
  let offset = streamOffset + 4; // after "fLaC"
  let info: Omit<StreamInfo, 'audioOffset'> | null = null;
  for (let count = 0; count < MAX_BLOCKS; count += 1) {
    const header = await readRange(handle, offset, 4);
    if (header.byteLength < 4) break;
    const isLast = (header[0]! & 0x80) !== 0;
    const length = (header[1]! << 16) | (header[2]! << 8) | header[3]!;
    if ((header[0]! & 0x7f) === STREAMINFO) info = parseStreamInfo(await readRange(handle, offset + 4, 34));
    offset += 4 + length;
    if (isLast) {
      if (!info) break;
      if (offset >= fileSize)
        throw new AudioDecodeError(
          'truncated',
          path,
          cutShortMessage(info.totalSamples / info.sampleRate, 0),
        );
      return { ...info, audioOffset: offset };
    }
  }
  if (offset >= fileSize)
    throw new AudioDecodeError('truncated', path, 'is cut short: it ends inside its FLAC headers');
  throw new AudioDecodeError('corrupt', path, 'has damaged FLAC headers');
}

/** STREAMINFO's packed fields (RFC 9639 §8.2): 20-bit rate, 3-bit channels, 5-bit depth, 36-bit length. */
function parseStreamInfo(body: Uint8Array): Omit<StreamInfo, 'audioOffset'> | null {
  if (body.byteLength < 18) return null;
  const sampleRate = (body[10]! << 12) | (body[11]! << 4) | (body[12]! >> 4);
  const channels = ((body[12]! >> 1) & 0x07) + 1;
  const bitsPerSample = (((body[12]! & 1) << 4) | (body[13]! >> 4)) + 1;
  const totalSamples =
    (body[13]! & 0x0f) * 2 ** 32 +
    ((body[14]! << 24) >>> 0) +
    (body[15]! << 16) +
    (body[16]! << 8) +
    body[17]!;
  const maxFrameBytes = (body[7]! << 16) | (body[8]! << 8) | body[9]!;
  if (sampleRate === 0) return null;
  return { sampleRate, channels, bitsPerSample, totalSamples, maxFrameBytes };
}

async function* flacPcm(
  path: string,
  info: StreamInfo,
  issues: string[],
  options: PcmReadOptions,
): AsyncGenerator<PcmChunk> {
  const decoder = new FLACDecoder();
  await decoder.ready;
  const splitter = new FlacFrameSplitter(info, info.maxFrameBytes);
  const assembler = new PcmAssembler({ sampleRate: info.sampleRate, channels: info.channels });
  let damagedFrames = 0;
  let decodeErrors = 0;
  const decode = async (frames: FlacFrame[]): Promise<PcmChunk[]> => {
    const out: PcmChunk[] = [];
    let good: Uint8Array[] = [];
    const flush = async (): Promise<void> => {
      if (good.length === 0) return;
      const decoded = await decoder.decodeFrames(good).catch((error: unknown) => {
        throw new AudioDecodeError('corrupt', path, 'has FLAC data the decoder cannot read', {
          cause: error,
        });
      });
      decodeErrors += decoded.errors.length;
      out.push(...assembler.push(decoded.channelData, decoded.samplesDecoded));
      good = [];
    };
    for (const frame of frames) {
      if (!frame.damaged) {
        good.push(frame.bytes);
        continue;
      }
      await flush();
      damagedFrames += 1;
      const silence = new Float32Array(frame.blockSize);
      out.push(...assembler.push([silence], frame.blockSize));
    }
    await flush();
    return out;
  };
  try {
    for await (const bytes of streamFileBytes(path, info.audioOffset, undefined, options.signal)) {
      yield* await decode(splitter.push(bytes));
    }
    const end = splitter.finish();
    yield* await decode(end.frames);
    yield* assembler.finish(false);
    const name = basename(path);
    const held = assembler.emittedFrames;
    const announced = info.totalSamples > 0 ? info.totalSamples / info.sampleRate : null;
    if (held === 0)
      throw new AudioDecodeError(
        end.partialFrame ? 'truncated' : 'corrupt',
        path,
        end.partialFrame ? cutShortMessage(announced, 0) : 'has no decodable FLAC frames',
      );
    if (end.partialFrame || (info.totalSamples > 0 && held < info.totalSamples))
      addIssue(issues, `${name} ${cutShortMessage(announced, held / info.sampleRate)}`);
    if (damagedFrames + decodeErrors > 0)
      addIssue(issues, `${name} has ${damagedFrames + decodeErrors} damaged frames, played as silence`);
    if (splitter.skippedBytes > 0)
      addIssue(issues, `${name} has damaged stretches that were skipped (${splitter.skippedBytes} bytes)`);
  } finally {
    decoder.free();
  }
}
