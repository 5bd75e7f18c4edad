/**
 * 48 kHz PCM to an Ogg Opus file: libopus packets (opusscript) in our own Ogg pages, in
 * the standard or the Tonie layout. The pre-skip is the encoder's reported lookahead; the
 * last page's granule is trimmed to the true end so decoders drop the padding of the
 * final frame (RFC 7845 §4.2, §4.5). Chapters can be made to start on a fresh page.
 */
import { createHash, randomInt } from 'node:crypto';

import { EncodeInputError } from './encode-errors.js';
import { OggPageWriter, TONIE_BLOCK_BYTES, type OggLayout } from './ogg-page-writer.js';
import { buildOpusHead, buildOpusTags } from './opus-headers.js';
import { joinOpusPackets } from './opus-packet.js';
import { OpusNativeEncoder } from './opus-native-encoder.js';
import { OPUS_FRAME_SAMPLES, OpusWasmEncoder } from './opus-wasm-encoder.js';
import { toInt16 } from './pcm-int16.js';
import { writeAtomically, type TempOutputFile } from './temp-output-file.js';
import { chunkFrames, type PcmChunk, type PcmStream } from '../pcm.js';

export const OPUS_SAMPLE_RATE = 48_000;
/** teddycloud's custom audio ids are the unix time minus this (devices.md §2.5). */
const TEDDYCLOUD_AUDIO_ID_DEDUCT = 0x50000000;
const VENDOR = 'libopus, Talemo';

export interface OggOpusEncodeOptions {
  /** Target bitrate, VBR (default 96, the Toniebox's). */
  bitrateKbps?: number;
  /** Output channels; mono input is duplicated, stereo averaged. Default: 2 for 'tonie', else the input's. */
  channels?: 1 | 2;
  /**
   * Packet length (default 20 ms, as opusenc and opus2tonie; teddycloud uses 60 ms). 60 ms
   * packets are three 20 ms frames joined, as libopus builds them.
   */
  frameMs?: 20 | 60;
  layout?: OggLayout;
  /** Ogg bitstream serial; in a TAF it is the audio id. Default: teddycloud's custom id for 'tonie', random otherwise. */
  serial?: number;
  /** Chapter start times; each chapter's first packet opens a new page. The first is usually 0. */
  chapterStartsSeconds?: number[];
  /** libopus built natively (default where its binary loads) or as wasm (everywhere). */
  engine?: OpusEngine;
  signal?: AbortSignal;
  onProgress?: (secondsDone: number) => void;
}

export type OpusEngine = 'native' | 'wasm';

export interface OggOpusEncodeResult {
  path: string;
  bytes: number;
  layout: OggLayout;
  serial: number;
  channels: 1 | 2;
  frameMs: 20 | 60;
  bitrateKbps: number;
  preSkip: number;
  packetCount: number;
  pageCount: number;
  /** Granule of the last page: pre-skip + input samples. */
  finalGranule: number;
  /** Input length: what a decoder plays back. */
  durationSeconds: number;
  /** Page sequence number where each requested chapter starts. */
  chapterPages: number[];
  /** Tonie layout only: 4096-byte block index (from the Ogg start) of each chapter, teddycloud's `track_page_nums`. */
  chapterBlocks: number[] | null;
  /** SHA-1 of the Ogg bytes, hex: the TAF header's hash covers exactly these. */
  sha1: string;
}

export async function encodeOggOpus(
  pcm: PcmStream,
  out: string,
  options: OggOpusEncodeOptions = {},
): Promise<OggOpusEncodeResult> {
  const settings = checkOptions(options);
  options.signal?.throwIfAborted();
  return writeAtomically(out, async (file) => {
    const session = new OpusSession(file, settings);
    try {
      for await (const chunk of pcm) {
        options.signal?.throwIfAborted();
        await session.add(chunk);
        options.onProgress?.(session.inputSamples / OPUS_SAMPLE_RATE);
      }
      options.signal?.throwIfAborted();
      return { ...(await session.finish()), path: out };
    } finally {
      session.close();
    }
  });
}

interface Settings {
  bitrateKbps: number;
  frameMs: 20 | 60;
  layout: OggLayout;
  serial: number;
  chapters: number[];
  channels: 1 | 2 | undefined;
  engine: OpusEngine;
}

function checkOptions(options: OggOpusEncodeOptions): Settings {
  const layout = options.layout ?? 'standard';
  const bitrateKbps = options.bitrateKbps ?? 96;
  const frameMs = options.frameMs ?? 20;
  if (layout !== 'standard' && layout !== 'tonie')
    throw new EncodeInputError(`unknown Ogg layout "${String(layout)}"`);
  if (!Number.isFinite(bitrateKbps) || bitrateKbps < 6 || bitrateKbps > 510) {
    throw new EncodeInputError(`Opus bitrate must be 6–510 kbit/s, got ${bitrateKbps}`);
  }
  if (frameMs !== 20 && frameMs !== 60)
    throw new EncodeInputError(`Opus frame must be 20 or 60 ms, got ${frameMs}`);
  if (options.channels !== undefined && options.channels !== 1 && options.channels !== 2) {
    throw new EncodeInputError(`output channels must be 1 or 2, got ${options.channels}`);
  }
  if (layout === 'tonie' && options.channels === 1) {
    throw new EncodeInputError('the Tonie layout is stereo only (the box and opus2tonie require 2 channels)');
  }
  const chapters = options.chapterStartsSeconds ?? [];
  chapters.forEach((t, i) => {
    if (!Number.isFinite(t) || t < 0 || (i > 0 && t < chapters[i - 1]!)) {
      throw new EncodeInputError(
        `chapter starts must be non-negative and in order; got ${chapters.join(', ')}`,
      );
    }
  });
  const serial =
    options.serial ??
    (layout === 'tonie'
      ? Math.floor(Date.now() / 1000) - TEDDYCLOUD_AUDIO_ID_DEDUCT
      : randomInt(0, 0xffffffff));
  return {
    bitrateKbps,
    frameMs,
    layout,
    serial,
    chapters,
    channels: layout === 'tonie' ? 2 : options.channels,
    engine: options.engine ?? 'native',
  };
}

/** One encode in progress: frames filled from the PCM, packets into pages, pages to the file. */
class OpusSession {
  private encoder: OpusNativeEncoder | OpusWasmEncoder | null = null;
  private writer: OggPageWriter | null = null;
  private readonly hash = createHash('sha1');
  private inputChannels = 0;
  /** Samples per channel in the frame being filled. */
  private filled = 0;
  private encodedFrames = 0;
  /** 20 ms packets waiting to be joined into one longer packet. */
  private group: Uint8Array[] = [];
  /** Granule position (48 kHz samples, pre-skip included) at the end of the last packet written. */
  private granule = 0;
  private packets = 0;
  /** Granule position each chapter starts at: its time plus the pre-skip. */
  private chapterTargets: number[] = [];
  private nextChapter = 0;
  private readonly chapterPages: number[] = [];
  private readonly chapterBlocks: number[] = [];
  inputSamples = 0;

  constructor(
    private readonly file: TempOutputFile,
    private readonly settings: Settings,
  ) {}

  async add(chunk: PcmChunk): Promise<void> {
    const n = chunkFrames(chunk);
    if (!this.encoder) await this.start(chunk);
    this.checkChunk(chunk);
    const encoder = this.encoder!;
    const frame = encoder.frame;
    const out = encoder.channels;
    const [a, b] = chunk.channels as [Float32Array, Float32Array | undefined];
    for (let i = 0; i < n;) {
      const span = Math.min(OPUS_FRAME_SAMPLES - this.filled, n - i);
      if (out === 1 && b) {
        for (let j = 0; j < span; j += 1) frame[this.filled + j] = toInt16((a[i + j]! + b[i + j]!) / 2);
      } else {
        const right = b ?? a;
        for (let j = 0; j < span; j += 1) {
          frame[(this.filled + j) * out] = toInt16(a[i + j]!);
          if (out === 2) frame[(this.filled + j) * 2 + 1] = toInt16(right[i + j]!);
        }
      }
      this.filled += span;
      i += span;
      if (this.filled === OPUS_FRAME_SAMPLES) await this.encodeFrame();
    }
    this.inputSamples += n;
  }

  async finish(): Promise<Omit<OggOpusEncodeResult, 'path'>> {
    if (!this.encoder || this.inputSamples === 0) throw new EncodeInputError('the PCM stream holds no audio');
    const encoder = this.encoder;
    const writer = this.writer!;
    const end = encoder.lookahead + this.inputSamples;
    const late = this.settings.chapters.find(
      (t) => t > 0 && Math.round(t * OPUS_SAMPLE_RATE) >= this.inputSamples,
    );
    if (late !== undefined) {
      throw new EncodeInputError(
        `chapter at ${late} s starts after the audio ends (${this.inputSamples / OPUS_SAMPLE_RATE} s)`,
      );
    }
    // Feed silence until every input sample has left the encoder's lookahead.
    while (this.encodedFrames * OPUS_FRAME_SAMPLES < end) {
      encoder.frame.fill(0, this.filled * encoder.channels);
      this.filled = OPUS_FRAME_SAMPLES;
      await this.encodeFrame();
    }
    await this.flushGroup();
    await this.write(writer.finish(end));
    return {
      bytes: writer.byteCount,
      layout: this.settings.layout,
      serial: this.settings.serial,
      channels: encoder.channels,
      frameMs: this.settings.frameMs,
      bitrateKbps: this.settings.bitrateKbps,
      preSkip: encoder.lookahead,
      packetCount: this.packets,
      pageCount: writer.pageCount,
      finalGranule: end,
      durationSeconds: this.inputSamples / OPUS_SAMPLE_RATE,
      chapterPages: this.chapterPages,
      chapterBlocks: this.settings.layout === 'tonie' ? this.chapterBlocks : null,
      sha1: this.hash.digest('hex'),
    };
  }

  close(): void {
    this.encoder?.close();
    this.encoder = null;
  }

  private async start(first: PcmChunk): Promise<void> {
    this.checkRate(first);
    this.inputChannels = first.channels.length;
    if (this.inputChannels !== 1 && this.inputChannels !== 2) {
      throw new EncodeInputError(
        `Opus encoding takes 1 or 2 input channels, got ${this.inputChannels}: downmix first`,
      );
    }
    const channels = this.settings.channels ?? (this.inputChannels as 1 | 2);
    const { bitrateKbps, engine } = this.settings;
    this.encoder =
      (engine === 'native' ? OpusNativeEncoder.create(channels, bitrateKbps) : null) ??
      new OpusWasmEncoder(channels, bitrateKbps);
    const preSkip = this.encoder.lookahead;
    this.chapterTargets = this.settings.chapters.map((t) => Math.round(t * OPUS_SAMPLE_RATE) + preSkip);
    this.writer = new OggPageWriter({ serial: this.settings.serial, layout: this.settings.layout });
    const head = buildOpusHead({ channels, preSkip, inputSampleRate: OPUS_SAMPLE_RATE, outputGain: 0 });
    const tagsLength =
      this.settings.layout === 'tonie' ? OggPageWriter.tonieTagsLength(head.length) : undefined;
    const tags = buildOpusTags({ vendor: VENDOR, comments: ['ENCODER=Talemo'] }, tagsLength);
    await this.write(this.writer.writeHeaders(head, tags));
  }

  private checkRate(chunk: PcmChunk): void {
    if (chunk.sampleRate !== OPUS_SAMPLE_RATE) {
      throw new EncodeInputError(
        `Ogg Opus encoding takes 48000 Hz PCM, got ${chunk.sampleRate} Hz: resample before encoding`,
      );
    }
  }

  private checkChunk(chunk: PcmChunk): void {
    this.checkRate(chunk);
    if (chunk.channels.length !== this.inputChannels) {
      throw new EncodeInputError(
        `channel count changed mid-stream (${this.inputChannels} → ${chunk.channels.length})`,
      );
    }
    const n = chunkFrames(chunk);
    if (chunk.channels.some((c) => c.length !== n))
      throw new EncodeInputError('chunk channels differ in length');
  }

  private async encodeFrame(): Promise<void> {
    this.group.push(this.encoder!.encodeFrame());
    this.encodedFrames += 1;
    this.filled = 0;
    if (this.group.length * 20 === this.settings.frameMs) await this.flushGroup();
  }

  /** Writes the waiting 20 ms frames as one packet, or one by one if libopus changed mode between them. */
  private async flushGroup(): Promise<void> {
    const group = this.group;
    this.group = [];
    if (group.length === 0) return;
    const joined = group.length > 1 ? joinOpusPackets(group) : group[0]!;
    if (joined) await this.writePacket(joined, group.length * OPUS_FRAME_SAMPLES);
    else for (const packet of group) await this.writePacket(packet, OPUS_FRAME_SAMPLES);
  }

  private async writePacket(packet: Uint8Array, samples: number): Promise<void> {
    const end = this.granule + samples;
    // A chapter starts in the packet that holds its first sample; that packet opens a page.
    const startsChapter = (this.chapterTargets[this.nextChapter] ?? Infinity) < end;
    const added = this.writer!.addPacket(packet, end, startsChapter);
    while ((this.chapterTargets[this.nextChapter] ?? Infinity) < end) {
      this.chapterPages.push(added.pageSequence);
      this.chapterBlocks.push(Math.floor(added.pageOffset / TONIE_BLOCK_BYTES));
      this.nextChapter += 1;
    }
    this.granule = end;
    this.packets += 1;
    await this.write(added.pages);
  }

  private async write(pages: Uint8Array[]): Promise<void> {
    for (const page of pages) {
      this.hash.update(page);
      await this.file.write(page);
    }
  }
}
