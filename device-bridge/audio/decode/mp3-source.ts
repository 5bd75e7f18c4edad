/**
 * MP3 (and MPEG layer I/II): our frame splitter feeds whole frames to mpg123 (wasm), and we
 * cut the codec delays ourselves so lengths match the original recording: the encoder
 * delay and padding from the LAME tag when there is one, plus mpg123's fixed 529-sample
 * decoder delay. mpg123's own gapless mode is off so that one rule applies to every file.
 */
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { MPEGDecoder } from 'mpg123-decoder';
import { AudioDecodeError } from './audio-decode-error.js';
import { addIssue, cutShortMessage } from './audio-issues.js';
import type { OpenedAudio, PcmReadOptions } from './audio-source.js';
import { readRange, streamFileBytes } from './file-bytes.js';
import { readMp3InfoFrame, type Mp3InfoFrame } from './mp3-info-frame.js';
import { parseMpegFrameHeader, type MpegFrameHeader } from './mpeg-frame-header.js';
import { MpegFrameSplitter } from './mpeg-frame-splitter.js';
import { PcmAssembler } from './pcm-assembler.js';
import type { PcmChunk } from '../pcm.js';

/** The MP3 synthesis filterbank's delay, the same for every decoder (LAME's DECDELAY). */
const DECODER_DELAY = 529;
/** Enough to hold the first frame (the largest is under 3 KiB) and the next header. */
const HEAD_BYTES = 8 * 1024;

interface Mp3Plan {
  header: MpegFrameHeader;
  info: Mp3InfoFrame | null;
  audioStart: number;
  streamEnd: number;
  skipFrames: number;
  endTrimFrames: number;
}

export async function openMp3(
  path: string,
  handle: FileHandle,
  fileSize: number,
  streamOffset: number,
): Promise<OpenedAudio> {
  const head = await readRange(handle, streamOffset, HEAD_BYTES);
  const first = parseMpegFrameHeader(head, 0);
  if (!first) throw new AudioDecodeError('corrupt', path, 'has no readable MP3 frame');
  const info = readMp3InfoFrame(head, 0);
  const audioStart = streamOffset + (info ? first.frameBytes : 0);
  const header = (info && parseMpegFrameHeader(head, first.frameBytes)) || first;
  const streamEnd = await endBeforeTrailingTags(handle, fileSize);
  const gapless = info?.encoderDelay != null && info.encoderPadding != null;
  const plan: Mp3Plan = {
    header,
    info,
    audioStart,
    streamEnd,
    skipFrames: (gapless ? info!.encoderDelay! : 0) + DECODER_DELAY,
    endTrimFrames: gapless ? Math.max(0, info!.encoderPadding! - DECODER_DELAY) : 0,
  };
  const announced = announcedSeconds(plan);
  const streamBytes = streamEnd - audioStart;
  const estimated = announced ?? Math.max(0, (streamBytes * 8) / (header.bitrateKbps * 1000));
  const issues: string[] = [];
  const expectedBytes = info?.streamBytes ?? null;
  let durationSeconds: number | null = estimated;
  if (expectedBytes && streamEnd - streamOffset + first.frameBytes < expectedBytes) {
    // The frame count is the announced length; the bytes present say how much is left.
    durationSeconds = ((announced ?? estimated) * (streamEnd - streamOffset)) / expectedBytes;
    issues.push(`${basename(path)} ${cutShortMessage(announced, durationSeconds)}`);
  }
  return {
    format: {
      container: 'mp3',
      codec: 'mp3',
      sampleRate: header.sampleRate,
      channels: header.channels,
      durationSeconds,
      bitrate:
        announced && streamBytes > 0 ? Math.round((streamBytes * 8) / announced) : header.bitrateKbps * 1000,
    },
    issues,
    pcm: (options) => mp3Pcm(path, plan, issues, options),
  };
}

function announcedSeconds(plan: Mp3Plan): number | null {
  const frames = plan.info?.frames;
  if (!frames) return null;
  const samples = frames * plan.header.samplesPerFrame - plan.skipFrames - plan.endTrimFrames;
  return Math.max(0, samples) / plan.header.sampleRate;
}

/** ID3v1 (128 bytes, "TAG") and APEv2 tags at the end are metadata, not frames. */
async function endBeforeTrailingTags(handle: FileHandle, fileSize: number): Promise<number> {
  let end = fileSize;
  const id3v1 = await readRange(handle, Math.max(0, end - 128), 3);
  if (end >= 128 && String.fromCharCode(...id3v1) === 'TAG') end -= 128;
  const ape = await readRange(handle, Math.max(0, end - 32), 32);
  if (ape.byteLength === 32 && String.fromCharCode(...ape.subarray(0, 8)) === 'APETAGEX') {
    const view = new DataView(ape.buffer, ape.byteOffset, 32);
    const hasHeader = (view.getUint32(20, true) & 0x80000000) !== 0;
    end -= view.getUint32(12, true) + (hasHeader ? 32 : 0);
  }
  return Math.max(0, end);
}

async function* mp3Pcm(
  path: string,
  plan: Mp3Plan,
  issues: string[],
  options: PcmReadOptions,
): AsyncGenerator<PcmChunk> {
  const { header } = plan;
  const decoder = new MPEGDecoder({ enableGapless: false });
  await decoder.ready;
  const splitter = new MpegFrameSplitter(header);
  const assembler = new PcmAssembler({
    sampleRate: header.sampleRate,
    channels: header.channels,
    skipFrames: plan.skipFrames,
    holdBackFrames: plan.endTrimFrames,
  });
  let damagedFrames = 0;
  const decode = (runs: Uint8Array[]): PcmChunk[] =>
    runs.flatMap((run) => {
      const decoded = decodeRun(decoder, run, path);
      damagedFrames += decoded.errors.length;
      return assembler.push(decoded.channelData, decoded.samplesDecoded);
    });
  try {
    for await (const bytes of streamFileBytes(path, plan.audioStart, plan.streamEnd, options.signal)) {
      yield* decode(splitter.push(bytes));
    }
    const end = splitter.finish();
    yield* decode(end.runs);
    // Writers disagree on whether the count includes the info frame itself: allow one.
    const expected = plan.info?.frames ?? null;
    const complete = !end.partialFrame && (expected === null || splitter.frames >= expected - 1);
    yield* assembler.finish(complete);
    if (assembler.emittedFrames === 0)
      throw new AudioDecodeError(
        end.partialFrame ? 'truncated' : 'corrupt',
        path,
        end.partialFrame ? cutShortMessage(announcedSeconds(plan), 0) : 'has no decodable MP3 frames',
      );
    reportProblems(path, plan, issues, {
      complete,
      partialFrame: end.partialFrame,
      heldSeconds: assembler.emittedFrames / header.sampleRate,
      skippedBytes: splitter.skippedBytes,
      damagedFrames,
    });
  } finally {
    decoder.free();
  }
}

function decodeRun(decoder: MPEGDecoder, run: Uint8Array, path: string) {
  try {
    return decoder.decode(run);
  } catch (error) {
    throw new AudioDecodeError('corrupt', path, 'has MP3 data the decoder cannot read', { cause: error });
  }
}

function reportProblems(
  path: string,
  plan: Mp3Plan,
  issues: string[],
  found: {
    complete: boolean;
    partialFrame: boolean;
    heldSeconds: number;
    skippedBytes: number;
    damagedFrames: number;
  },
): void {
  const name = basename(path);
  const alreadyCutShort = issues.some((issue) => issue.includes('is cut short'));
  if (!found.complete && !alreadyCutShort) {
    const howItEnds = found.partialFrame ? 'it stops in the middle of a frame' : undefined;
    addIssue(issues, `${name} ${cutShortMessage(announcedSeconds(plan), found.heldSeconds, howItEnds)}`);
  }
  if (found.skippedBytes > 0)
    addIssue(issues, `${name} has damaged stretches that were skipped (${found.skippedBytes} bytes)`);
  if (found.damagedFrames > 0)
    addIssue(issues, `${name} has ${found.damagedFrames} damaged frames; they may sound as gaps or noise`);
}
