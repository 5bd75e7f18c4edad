/**
 * Walks an MP3 file frame by frame (ISO/IEC 11172-3, 13818-3) without decoding, streaming:
 * which tags it carries (ID3v2, ID3v1, APE), what its frames are (MPEG version, layer,
 * rates, channel modes, bitrates), whether a Xing/Info/VBRI frame leads, whether bytes
 * that are neither tag nor frame sit between frames, and whether the last frame is cut
 * short. `mp3ConformsToLunii` turns that into the Lunii verdict, so an MP3 that already
 * fits the box can be copied rather than re-encoded (devices.md §1.4, §1.7 #10).
 */
import { open } from 'node:fs/promises';

import type { Conformance } from './conformance.js';

export type MpegVersion = '1' | '2' | '2.5';
export type ChannelMode = 'stereo' | 'joint-stereo' | 'dual-channel' | 'mono';
export type VbrHeaderKind = 'Xing' | 'Info' | 'VBRI';

export interface Mp3FrameHeader {
  version: MpegVersion;
  layer: 1 | 2 | 3;
  crcProtected: boolean;
  bitrateKbps: number;
  sampleRate: number;
  channelMode: ChannelMode;
  /** Whole frame length in bytes, header included. */
  frameBytes: number;
  /** PCM samples per channel the frame decodes to. */
  samples: number;
}

export interface Mp3Report {
  fileBytes: number;
  id3v2: boolean;
  id3v1: boolean;
  apeTag: boolean;
  /** A leading frame that carries gapless/seek info (silent audio to most decoders). */
  vbrHeader: VbrHeaderKind | null;
  /** Audio frames, the VBR header frame not counted. */
  frameCount: number;
  versions: MpegVersion[];
  layers: number[];
  sampleRates: number[];
  channelModes: ChannelMode[];
  bitratesKbps: number[];
  constantBitrate: boolean;
  /** Frames whose bitrate index is 0 ("free format"): they cannot be walked. */
  freeFormat: boolean;
  truncatedLastFrame: boolean;
  /** Bytes of the cut-short last frame (0 when none). */
  truncatedBytes: number;
  /** Bytes that are neither a tag nor a frame, and in how many runs. */
  garbageBytes: number;
  garbageRuns: number;
  samples: number;
  durationSeconds: number;
  /** Byte range of the whole audio frames: copying it drops tags, VBR frame and a cut last frame. */
  audioStart: number;
  audioEnd: number;
}

// Bitrates (kbit/s) by index; index 0 is free format, 15 is invalid.
const BITRATES: Record<string, number[]> = {
  v1l1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  v1l2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  v1l3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  v2l2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  v2l3: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<MpegVersion, number[]> = {
  '1': [44100, 48000, 32000],
  '2': [22050, 24000, 16000],
  '2.5': [11025, 12000, 8000],
};
const CHANNEL_MODES: ChannelMode[] = ['stereo', 'joint-stereo', 'dual-channel', 'mono'];

/** Result of reading a header: a frame, a free-format frame (length unknown), or nothing. */
type HeaderRead = Mp3FrameHeader | 'free-format' | null;

/** Parses the 4-byte frame header at `at`; null when these bytes are not one. */
export function parseMp3FrameHeader(bytes: Uint8Array, at: number): HeaderRead {
  if (at + 4 > bytes.length) return null;
  const b1 = bytes[at + 1]!;
  const b2 = bytes[at + 2]!;
  const b3 = bytes[at + 3]!;
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 15 || rateIndex === 3 || (b3 & 3) === 2)
    return null;
  const version: MpegVersion = versionBits === 3 ? '1' : versionBits === 2 ? '2' : '2.5';
  const layer = (4 - layerBits) as 1 | 2 | 3;
  if (bitrateIndex === 0) return 'free-format';
  const bitrateKbps = BITRATES[`${version === '1' ? 'v1' : 'v2'}l${layer}`]![bitrateIndex]!;
  const sampleRate = SAMPLE_RATES[version][rateIndex]!;
  const padding = (b2 >> 1) & 1;
  const samples = layer === 1 ? 384 : layer === 3 && version !== '1' ? 576 : 1152;
  const frameBytes =
    layer === 1
      ? (Math.floor((12 * bitrateKbps * 1000) / sampleRate) + padding) * 4
      : Math.floor(((samples / 8) * bitrateKbps * 1000) / sampleRate) + padding;
  return {
    version,
    layer,
    crcProtected: (b1 & 1) === 0,
    bitrateKbps,
    sampleRate,
    channelMode: CHANNEL_MODES[b3 >> 6]!,
    frameBytes,
    samples,
  };
}

/** Which VBR header, if any, a (first) frame carries; its place depends on the side-info size. */
function vbrHeaderIn(frame: Uint8Array, header: Mp3FrameHeader): VbrHeaderKind | null {
  const tagAt = (at: number): string => String.fromCharCode(...frame.subarray(at, at + 4));
  if (header.layer === 3) {
    const mono = header.channelMode === 'mono';
    const sideInfo = header.version === '1' ? (mono ? 17 : 32) : mono ? 9 : 17;
    // Writers differ on whether the 2-byte CRC counts; look at both places.
    for (const at of [4 + sideInfo, 6 + sideInfo]) {
      const tag = tagAt(at);
      if (tag === 'Xing' || tag === 'Info') return tag;
    }
  }
  return tagAt(36) === 'VBRI' ? 'VBRI' : null;
}

const isAscii = (bytes: Uint8Array, at: number, text: string): boolean => {
  for (let i = 0; i < text.length; i += 1) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** Length of an ID3v2 tag starting at `at`, or null if the bytes are not a valid ID3v2 header. */
function id3v2Length(bytes: Uint8Array, at: number): number | null {
  if (
    at + 10 > bytes.length ||
    !isAscii(bytes, at, 'ID3') ||
    bytes[at + 3] === 0xff ||
    bytes[at + 4] === 0xff
  )
    return null;
  let size = 0;
  for (let i = 6; i < 10; i += 1) {
    const b = bytes[at + i]!;
    if (b & 0x80) return null; // size bytes are "syncsafe": 7 bits each
    size = size * 128 + b;
  }
  const footer = (bytes[at + 5]! & 0x10) !== 0;
  return 10 + size + (footer ? 10 : 0);
}

/**
 * The frame walker itself: feed it the file's bytes in order with `push`, then `end`.
 * Memory stays flat: it keeps at most about one frame of bytes between pushes.
 */
export class Mp3FrameWalker {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  /** Absolute file offset of buf[0]. */
  private base = 0;
  /** Bytes of a tag still to pass over that have not arrived yet. */
  private skip = 0;
  /** Absolute offset where the next frame must start if the stream is in step. */
  private expected = -1;
  private inGarbage = false;
  private lastGarbageRun = 0;
  private first: Mp3FrameHeader | null = null;
  private readonly seen = {
    versions: new Set<MpegVersion>(),
    layers: new Set<number>(),
    rates: new Set<number>(),
    modes: new Set<ChannelMode>(),
    bitrates: new Set<number>(),
  };
  private readonly report: Mp3Report = {
    fileBytes: 0,
    id3v2: false,
    id3v1: false,
    apeTag: false,
    vbrHeader: null,
    frameCount: 0,
    versions: [],
    layers: [],
    sampleRates: [],
    channelModes: [],
    bitratesKbps: [],
    constantBitrate: true,
    freeFormat: false,
    truncatedLastFrame: false,
    truncatedBytes: 0,
    garbageBytes: 0,
    garbageRuns: 0,
    samples: 0,
    durationSeconds: 0,
    audioStart: -1,
    audioEnd: 0,
  };

  push(chunk: Uint8Array): void {
    this.report.fileBytes += chunk.length;
    let data = chunk;
    if (this.skip > 0) {
      const n = Math.min(this.skip, data.length);
      this.skip -= n;
      this.base += n;
      data = data.subarray(n);
    }
    if (this.pos >= this.buf.length) {
      this.base += this.buf.length;
      this.buf = data;
    } else {
      const rest = this.buf.subarray(this.pos);
      this.base += this.pos;
      this.buf = new Uint8Array(rest.length + data.length);
      this.buf.set(rest);
      this.buf.set(data, rest.length);
    }
    this.pos = 0;
    this.scan(false);
  }

  end(): Mp3Report {
    this.scan(true);
    const r = this.report;
    r.versions = [...this.seen.versions];
    r.layers = [...this.seen.layers].sort();
    r.sampleRates = [...this.seen.rates].sort((a, b) => a - b);
    r.channelModes = [...this.seen.modes];
    r.bitratesKbps = [...this.seen.bitrates].sort((a, b) => a - b);
    r.constantBitrate = this.seen.bitrates.size <= 1;
    if (r.audioStart < 0) r.audioStart = 0;
    return r;
  }

  private scan(final: boolean): void {
    while (this.pos < this.buf.length) {
      const step = this.step(final);
      if (step === 'wait') return;
    }
  }

  /** Handles whatever starts at `pos`; 'wait' when more bytes are needed to tell. */
  private step(final: boolean): 'ok' | 'wait' {
    const buf = this.buf;
    const at = this.pos;
    const left = buf.length - at;
    const need = (n: number): boolean => left >= n || final;

    if (buf[at] === 0x49 /* I */) {
      if (!need(10)) return 'wait';
      const tag = id3v2Length(buf, at);
      if (tag !== null) return this.passTag(tag, 'id3v2');
    }
    if (buf[at] === 0x54 /* T */) {
      if (!need(3)) return 'wait';
      if (isAscii(buf, at, 'TAG')) return this.passTag(128, 'id3v1');
    }
    if (buf[at] === 0x41 /* A */) {
      if (!need(32)) return 'wait';
      if (isAscii(buf, at, 'APETAGEX') && left >= 32) return this.passApe();
    }
    if (buf[at] === 0xff) {
      if (!need(4)) return 'wait';
      const header = parseMp3FrameHeader(buf, at);
      if (header === 'free-format') this.report.freeFormat = true;
      else if (header) {
        const taken = this.tryFrame(header, final);
        if (taken !== 'no') return taken;
      }
    }
    this.garbage();
    return 'ok';
  }

  /** Accepts a frame at `pos` when it is in step with the last one or the next header confirms it. */
  private tryFrame(header: Mp3FrameHeader, final: boolean): 'ok' | 'wait' | 'no' {
    const at = this.pos;
    const left = this.buf.length - at;
    const absolute = this.base + at;
    const inStep = absolute === this.expected && this.consistent(header);
    if (left < header.frameBytes) {
      if (!final) return 'wait';
      if (!inStep && this.first !== null && !this.consistent(header)) return 'no';
      this.report.truncatedLastFrame = true;
      this.report.truncatedBytes = left;
      this.pos = this.buf.length;
      return 'ok';
    }
    if (!inStep) {
      // A false sync inside garbage is likely; trust it only if another header follows.
      const next = at + header.frameBytes;
      if (this.buf.length < next + 4) {
        if (!final) return 'wait';
        if (this.first !== null && !this.consistent(header)) return 'no';
      } else {
        const following = parseMp3FrameHeader(this.buf, next);
        const tagFollows = isAscii(this.buf, next, 'TAG') || isAscii(this.buf, next, 'APETAGEX');
        if (
          !tagFollows &&
          (following === null || following === 'free-format' || !sameStream(header, following))
        ) {
          return 'no';
        }
      }
    }
    this.takeFrame(header);
    return 'ok';
  }

  private consistent(header: Mp3FrameHeader): boolean {
    return this.first === null || sameStream(this.first, header);
  }

  private takeFrame(header: Mp3FrameHeader): void {
    const at = this.pos;
    const absolute = this.base + at;
    this.inGarbage = false;
    this.lastGarbageRun = 0;
    const r = this.report;
    const isFirst = this.first === null && r.vbrHeader === null;
    const vbr = isFirst ? vbrHeaderIn(this.buf.subarray(at, at + header.frameBytes), header) : null;
    if (vbr) r.vbrHeader = vbr;
    else {
      this.first ??= header;
      if (r.audioStart < 0) r.audioStart = absolute;
      r.frameCount += 1;
      r.samples += header.samples;
      r.durationSeconds += header.samples / header.sampleRate;
      r.audioEnd = absolute + header.frameBytes;
      this.seen.versions.add(header.version);
      this.seen.layers.add(header.layer);
      this.seen.rates.add(header.sampleRate);
      this.seen.modes.add(header.channelMode);
      this.seen.bitrates.add(header.bitrateKbps);
    }
    this.pos += header.frameBytes;
    this.expected = absolute + header.frameBytes;
  }

  private passTag(length: number, kind: 'id3v2' | 'id3v1'): 'ok' {
    this.report[kind] = true;
    this.inGarbage = false;
    this.lastGarbageRun = 0;
    this.advance(length);
    return 'ok';
  }

  /** APE tag: a 32-byte header or footer; a footer-only tag's items came before it, counted as garbage. */
  private passApe(): 'ok' {
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 32);
    const size = view.getUint32(12, true); // items + footer, without the header
    const isHeader = (view.getUint32(20, true) & 0x20000000) !== 0;
    this.report.apeTag = true;
    if (!isHeader) {
      const items = Math.min(this.lastGarbageRun, Math.max(0, size - 32));
      this.report.garbageBytes -= items;
      if (items > 0 && items === this.lastGarbageRun) this.report.garbageRuns -= 1;
    }
    this.inGarbage = false;
    this.lastGarbageRun = 0;
    this.advance(isHeader ? 32 + size : 32);
    return 'ok';
  }

  private advance(length: number): void {
    const left = this.buf.length - this.pos;
    if (length <= left) this.pos += length;
    else {
      this.skip += length - left;
      this.pos = this.buf.length;
    }
    this.expected = -1;
  }

  private garbage(): void {
    if (!this.inGarbage) {
      this.inGarbage = true;
      this.report.garbageRuns += 1;
      this.lastGarbageRun = 0;
    }
    this.report.garbageBytes += 1;
    this.lastGarbageRun += 1;
    this.pos += 1;
    this.expected = -1;
  }
}

function sameStream(a: Mp3FrameHeader, b: Mp3FrameHeader): boolean {
  return a.version === b.version && a.layer === b.layer && a.sampleRate === b.sampleRate;
}

/** Walks an MP3 file from disk, 1 MiB at a time. */
export async function inspectMp3(path: string): Promise<Mp3Report> {
  const handle = await open(path, 'r');
  try {
    const walker = new Mp3FrameWalker();
    const chunk = new Uint8Array(1024 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      walker.push(chunk.slice(0, bytesRead));
    }
    return walker.end();
  } finally {
    await handle.close();
  }
}

/**
 * Whether a Lunii plays this MP3 as it is: MPEG-1 Layer III, mono, 44.1 kHz, no tags,
 * every frame whole (a cut last frame freezes v2 boxes, studio#162), no VBR header frame
 * (devices.md §1.4 advises against it). CBR and VBR are both fine: Lunii.QT accepts
 * either and the official packs are VBR.
 */
export type { Conformance };

export function mp3ConformsToLunii(report: Mp3Report): Conformance {
  const reasons: string[] = [];
  const list = (values: unknown[]): string => values.join(', ') || 'none';
  if (report.frameCount === 0) reasons.push('no MPEG audio frames found');
  if (report.id3v2) reasons.push('has an ID3v2 tag (STUdio and Lunii.QT refuse tags)');
  if (report.id3v1) reasons.push('has an ID3v1 tag');
  if (report.apeTag) reasons.push('has an APE tag');
  if (report.frameCount > 0 && (report.versions.join() !== '1' || report.layers.join() !== '3')) {
    reasons.push(`not MPEG-1 Layer III (versions ${list(report.versions)}, layers ${list(report.layers)})`);
  }
  if (report.frameCount > 0 && report.sampleRates.join() !== '44100') {
    reasons.push(`sample rate ${list(report.sampleRates)} Hz, not 44100 Hz`);
  }
  if (report.frameCount > 0 && report.channelModes.join() !== 'mono') {
    reasons.push(`channel mode ${list(report.channelModes)}, not mono`);
  }
  if (report.freeFormat) reasons.push('free-format frames (no bitrate in the header)');
  if (report.truncatedLastFrame) reasons.push(`last frame cut short (${report.truncatedBytes} bytes)`);
  if (report.garbageBytes > 0) {
    reasons.push(`${report.garbageBytes} bytes between frames that are neither frame nor tag`);
  }
  if (report.vbrHeader) reasons.push(`starts with a ${report.vbrHeader} frame (a silent frame of seek data)`);
  return { ok: reasons.length === 0, reasons };
}
