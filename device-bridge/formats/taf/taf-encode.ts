/**
 * Audio files to a Tonie audio file (research/devices.md §2.2–2.5): each input becomes one
 * chapter; all are decoded, made 48 kHz stereo, and encoded as one Ogg Opus stream in the
 * Tonie page layout (every page inside one 4096-byte block, each chapter on a fresh block),
 * then the 4096-byte header is put in front.
 *
 * Why two passes over the inputs: the encoder must know where chapters start before the
 * first page is cut, and a decoder's frame count is the only exact length (headers can lie
 * or be missing). The first pass only decodes and counts; memory stays flat either way.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';

import { openAudio, type AudioSource } from '../../audio/decode/open-audio.js';
import { encodeOggOpus, OPUS_SAMPLE_RATE } from '../../audio/encode/opus-encoder.js';
import { writeAtomically } from '../../audio/encode/temp-output-file.js';
import { chunkFrames, type PcmStream } from '../../audio/pcm.js';
import { downmix } from '../../audio/process/downmix.js';
import { resample, resampledLength } from '../../audio/process/resample.js';
import { TafInputError } from './taf-errors.js';
import { encodeTafHeader, TAF_MAX_CHAPTERS } from './taf-header.js';

/** teddycloud and TeddyBench mark custom content by taking this off the unix time (devices.md §2.5). */
export const TEDDYCLOUD_AUDIO_ID_DEDUCT = 0x50000000;
const COPY_BYTES = 256 * 1024;

export interface TafEncodeOptions {
  /**
   * The audio id, also the Ogg serial. Default: unix time − 0x50000000, teddycloud's mark for
   * custom content. Give an official Tonie's id only to replace its audio on an offline box.
   */
  audioId?: number;
  /** Opus VBR target (default 96 kbit/s, as teddycloud and opus2tonie). */
  bitrateKbps?: number;
  signal?: AbortSignal;
  /** Seconds encoded so far, of the total. */
  onProgress?: (secondsDone: number, totalSeconds: number) => void;
}

export interface TafEncodeResult {
  path: string;
  audioId: number;
  /** The header's chapter marks: 4096-byte block indexes from the start of the Ogg data. */
  chapters: number[];
  /** Where each chapter starts in the decoded audio (its first packet's start), seconds. */
  chapterStartsSeconds: number[];
  durationSeconds: number;
  /** SHA-1 of the Ogg data, hex, as the header holds it. */
  sha1: string;
  /** Size of the whole file, header included. */
  bytes: number;
}

export async function encodeTaf(
  inputs: string[],
  outPath: string,
  options: TafEncodeOptions = {},
): Promise<TafEncodeResult> {
  if (inputs.length === 0) throw new TafInputError('a Tonie file needs at least one audio file');
  if (inputs.length > TAF_MAX_CHAPTERS)
    throw new TafInputError(
      `a Tonie file holds at most ${TAF_MAX_CHAPTERS} chapters; got ${inputs.length} files`,
    );
  const audioId = options.audioId ?? Math.floor(Date.now() / 1000) - TEDDYCLOUD_AUDIO_ID_DEDUCT;
  if (!Number.isInteger(audioId) || audioId < 0 || audioId > 0xffffffff)
    throw new TafInputError(`the audio id must be a 32-bit unsigned integer, got ${audioId}`);
  const { signal } = options;

  const sources: AudioSource[] = [];
  for (const input of inputs) sources.push(await openAudio(input, { signal }));
  const frames: number[] = [];
  for (const source of sources) frames.push(await countFrames(source, signal));
  const starts = frames.map((_, i) => frames.slice(0, i).reduce((a, b) => a + b, 0));
  const totalSeconds = (starts[starts.length - 1]! + frames[frames.length - 1]!) / OPUS_SAMPLE_RATE;

  const oggPath = `${outPath}.${randomBytes(6).toString('hex')}.ogg.partial`;
  try {
    const ogg = await encodeOggOpus(joined(sources, frames, signal), oggPath, {
      layout: 'tonie',
      channels: 2,
      serial: audioId,
      chapterStartsSeconds: starts.map((s) => s / OPUS_SAMPLE_RATE),
      ...(options.bitrateKbps !== undefined ? { bitrateKbps: options.bitrateKbps } : {}),
      ...(signal ? { signal } : {}),
      onProgress: (done) => options.onProgress?.(done, totalSeconds),
    });
    const chapters = ogg.chapterBlocks ?? [];
    const header = encodeTafHeader({
      sha1: Buffer.from(ogg.sha1, 'hex'),
      payloadLength: ogg.bytes,
      audioId,
      chapters,
    });
    await writeAtomically(outPath, async (file) => {
      await file.write(header);
      // Hash what is copied, so a payload changed on disk since the encode cannot get a header that lies.
      const copied = await copyFile(oggPath, (bytes) => file.write(bytes), signal);
      if (copied !== ogg.sha1)
        throw new Error(`the encoded Ogg data changed on disk before it was copied into ${outPath}`);
    });
    return {
      path: outPath,
      audioId,
      chapters,
      chapterStartsSeconds: starts.map((s) => s / OPUS_SAMPLE_RATE),
      durationSeconds: ogg.durationSeconds,
      sha1: ogg.sha1,
      bytes: header.length + ogg.bytes,
    };
  } finally {
    await rm(oggPath, { force: true });
  }
}

/** Frames an input has once made 48 kHz: decoded and counted, nothing kept. */
async function countFrames(source: AudioSource, signal: AbortSignal | undefined): Promise<number> {
  let frames = 0;
  let rate = source.format.sampleRate;
  for await (const chunk of source.pcm(signal ? { signal } : {})) {
    frames += chunkFrames(chunk);
    rate = chunk.sampleRate;
  }
  if (frames === 0) throw new TafInputError(`${source.path} holds no audio`);
  return resampledLength(frames, rate, OPUS_SAMPLE_RATE);
}

/** The inputs one after another as 48 kHz stereo, each checked against the length counted before. */
async function* joined(
  sources: AudioSource[],
  expected: number[],
  signal: AbortSignal | undefined,
): PcmStream {
  for (const [i, source] of sources.entries()) {
    let pcm = source.pcm(signal ? { signal } : {});
    // The box plays stereo; more channels than two are first mixed down, as downmix defines no 5.1 → stereo.
    if (source.format.channels > 2) pcm = downmix(pcm, 'mono');
    let frames = 0;
    for await (const chunk of resample(downmix(pcm, 'stereo'), OPUS_SAMPLE_RATE)) {
      frames += chunkFrames(chunk);
      yield chunk;
    }
    if (frames !== expected[i])
      throw new TafInputError(
        `${source.path} decoded to ${frames} samples, then to ${expected[i]}: it changed while encoding`,
      );
  }
}

/** Streams a file through `write`; returns its SHA-1, hex. */
async function copyFile(
  path: string,
  write: (bytes: Uint8Array) => Promise<void>,
  signal: AbortSignal | undefined,
): Promise<string> {
  const hash = createHash('sha1');
  const handle = await open(path, 'r');
  try {
    for (let position = 0; ;) {
      signal?.throwIfAborted();
      const buffer = new Uint8Array(COPY_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, COPY_BYTES, position);
      if (bytesRead === 0) break;
      const bytes = buffer.subarray(0, bytesRead);
      hash.update(bytes);
      await write(bytes);
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
