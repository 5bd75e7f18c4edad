/**
 * Test support: writes real audio files with known content (a sine of known frequency and
 * amplitude) using encoders that ship with the app (LAME through @mediabunny/mp3-encoder,
 * libopus through opusscript, mediabunny's Ogg and WebM muxers) and two tiny writers of our
 * own (WAV in every sample layout, and a verbatim-subframe FLAC encoder).
 * Used only by the *.test.ts files beside it.
 */
import { registerMp3Encoder } from '@mediabunny/mp3-encoder';
import {
  AudioSample,
  AudioSampleSource,
  BufferTarget,
  EncodedAudioPacketSource,
  EncodedPacket,
  Mp3OutputFormat,
  Mp4OutputFormat,
  OggOutputFormat,
  Output,
  WebMOutputFormat,
} from 'mediabunny';
import OpusScript from 'opusscript';
import { chunkFrames, type PcmStream } from '../pcm.js';

export interface CollectedPcm {
  planes: Float32Array[];
  rate: number;
  /** Frames in each chunk, in order. */
  chunks: number[];
}

/** Gathers a (short) stream into one array per channel, for comparing with the source. */
export async function collectPcm(stream: PcmStream): Promise<CollectedPcm> {
  const parts: Float32Array[][] = [];
  const chunks: number[] = [];
  let rate = 0;
  for await (const chunk of stream) {
    parts.push(chunk.channels);
    chunks.push(chunkFrames(chunk));
    rate = chunk.sampleRate;
  }
  const total = chunks.reduce((a, b) => a + b, 0);
  const planes = (parts[0] ?? []).map((_, c) => {
    const plane = new Float32Array(total);
    let at = 0;
    for (const part of parts) {
      plane.set(part[c]!, at);
      at += part[c]!.length;
    }
    return plane;
  });
  return { planes, rate, chunks };
}

export function sine(frames: number, sampleRate: number, hz: number, amplitude: number): Float32Array {
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i += 1) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return out;
}

/**
 * Frequency from upward zero crossings, interpolated between samples, over the middle 80%
 * of the signal: codec delay and padding leave near-silent edges whose noise crosses zero.
 */
export function zeroCrossingHz(samples: Float32Array, sampleRate: number): number {
  const from = Math.floor(samples.length * 0.1);
  const to = Math.ceil(samples.length * 0.9);
  const crossings: number[] = [];
  for (let i = from + 1; i < to; i += 1) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    if (a < 0 && b >= 0) crossings.push(i - 1 + a / (a - b));
  }
  if (crossings.length < 2) return 0;
  return ((crossings.length - 1) * sampleRate) / (crossings[crossings.length - 1]! - crossings[0]!);
}

/**
 * The shift (decoded[i + lag] ≈ original[i]) that best lines the two up, searched within
 * ±maxLag: 0 when codec delays were trimmed exactly.
 */
export function bestLag(decoded: Float32Array, original: Float32Array, maxLag: number): number {
  let best = 0;
  let bestError = Number.POSITIVE_INFINITY;
  const from = maxLag;
  const to = Math.min(decoded.length, original.length) - maxLag;
  for (let lag = -maxLag; lag <= maxLag; lag += 1) {
    let error = 0;
    for (let i = from; i < to; i += 1) error += (decoded[i + lag]! - original[i]!) ** 2;
    if (error < bestError) [best, bestError] = [lag, error];
  }
  return best;
}

export function peak(samples: Float32Array): number {
  let max = 0;
  for (const value of samples) max = Math.max(max, Math.abs(value));
  return max;
}

// ---------------------------------------------------------------- WAV

export interface WavSpec {
  sampleRate: number;
  /** Integer sample bits (8, 16, 24, 32) or float bits (32, 64). */
  bits: number;
  float?: boolean;
  /** Write WAVE_FORMAT_EXTENSIBLE instead of the plain format tag. */
  extensible?: boolean;
  /** Override the data chunk's size field (to make a header lie). */
  announcedDataBytes?: number;
}

/** Quantises like a careful writer: round to nearest, full scale 2^(bits-1) - 1. */
function writeSample(view: DataView, at: number, value: number, spec: WavSpec): void {
  const { bits } = spec;
  if (spec.float) {
    if (bits === 32) view.setFloat32(at, value, true);
    else view.setFloat64(at, value, true);
    return;
  }
  const scaled = Math.round(value * (2 ** (bits - 1) - 1));
  if (bits === 8) view.setUint8(at, scaled + 128);
  else if (bits === 16) view.setInt16(at, scaled, true);
  else if (bits === 24) {
    view.setUint16(at, scaled & 0xffff, true);
    view.setInt8(at + 2, scaled >> 16);
  } else view.setInt32(at, scaled, true);
}

export function wavHeader(channels: number, frames: number, spec: WavSpec): Uint8Array {
  const bytesPerSample = spec.bits / 8;
  const dataBytes = frames * channels * bytesPerSample;
  const fmtBytes = spec.extensible ? 40 : 16;
  const out = new Uint8Array(20 + fmtBytes + 8);
  const view = new DataView(out.buffer);
  const ascii = (at: number, text: string): void => {
    for (let i = 0; i < text.length; i += 1) out[at + i] = text.charCodeAt(i);
  };
  const tag = spec.float ? 3 : 1;
  ascii(0, 'RIFF');
  view.setUint32(4, Math.min(0xffffffff, 12 + fmtBytes + dataBytes), true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtBytes, true);
  view.setUint16(20, spec.extensible ? 0xfffe : tag, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, spec.sampleRate, true);
  view.setUint32(28, spec.sampleRate * channels * bytesPerSample, true);
  view.setUint16(32, channels * bytesPerSample, true);
  view.setUint16(34, spec.bits, true);
  if (spec.extensible) {
    view.setUint16(36, 22, true); // cbSize
    view.setUint16(38, spec.bits, true); // valid bits
    view.setUint32(40, channels === 2 ? 3 : 4, true); // front L+R, or front centre
    // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: the tag, then the fixed GUID tail.
    view.setUint16(44, tag, true);
    out.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 46);
  }
  ascii(20 + fmtBytes, 'data');
  view.setUint32(24 + fmtBytes, spec.announcedDataBytes ?? dataBytes, true);
  return out;
}

export function encodeWav(planes: Float32Array[], spec: WavSpec): Uint8Array {
  const frames = planes[0]!.length;
  const header = wavHeader(planes.length, frames, spec);
  const step = spec.bits / 8;
  const out = new Uint8Array(header.byteLength + frames * planes.length * step);
  out.set(header);
  const view = new DataView(out.buffer);
  let at = header.byteLength;
  for (let f = 0; f < frames; f += 1) {
    for (const plane of planes) {
      writeSample(view, at, plane[f]!, spec);
      at += step;
    }
  }
  return out;
}

// ---------------------------------------------------------------- MP3

let mp3EncoderRegistered = false;

/** MP3 through LAME (wasm), without an info frame: append-only, like a live recorder writes. */
export async function encodeMp3(
  planes: Float32Array[],
  sampleRate: number,
  bitrate: number,
): Promise<Uint8Array> {
  if (!mp3EncoderRegistered) registerMp3Encoder();
  mp3EncoderRegistered = true;
  const output = new Output({
    format: new Mp3OutputFormat({ xingHeader: false }),
    target: new BufferTarget(),
  });
  const source = new AudioSampleSource({ codec: 'mp3', bitrate });
  output.addAudioTrack(source);
  await output.start();
  const frames = planes[0]!.length;
  for (let start = 0; start < frames; start += 8192) {
    const end = Math.min(frames, start + 8192);
    const data = new Float32Array((end - start) * planes.length);
    planes.forEach((plane, c) => data.set(plane.subarray(start, end), c * (end - start)));
    const sample = new AudioSample({
      data,
      format: 'f32-planar',
      numberOfChannels: planes.length,
      sampleRate,
      timestamp: start / sampleRate,
    });
    await source.add(sample);
    sample.close();
  }
  await output.finalize();
  return new Uint8Array(output.target.buffer!);
}

/** LAME's encoder delay (ENCDELAY in its source): samples of silence before the audio. */
export const LAME_ENCODER_DELAY = 576;

/**
 * Puts a LAME-style Info frame in front of an MP3, as LAME's own writer does: frame count,
 * byte count, encoder delay and padding, so a decoder can trim to the exact length.
 */
export function withLameInfoFrame(mp3: Uint8Array, originalSamples: number): Uint8Array {
  const header = mp3.subarray(0, 4);
  const mpeg1 = (header[1]! & 0x18) === 0x18;
  const mono = header[3]! >> 6 === 3;
  const samplesPerFrame = mpeg1 ? 1152 : 576;
  const frameBytes = countFrameBytes(mp3, 0);
  let frames = 0;
  for (let at = 0; at + 4 <= mp3.byteLength; at += countFrameBytes(mp3, at)) frames += 1;
  const info = new Uint8Array(frameBytes);
  info.set(header);
  info[1] = header[1]! | 1; // no CRC
  info[2] = header[2]! & ~0x02; // no padding byte: the frame length must be the base one
  const sideInfo = mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const at = 4 + sideInfo;
  const view = new DataView(info.buffer);
  info.set([0x49, 0x6e, 0x66, 0x6f], at); // "Info"
  view.setUint32(at + 4, 3); // frames and bytes fields present
  view.setUint32(at + 8, frames);
  view.setUint32(at + 12, mp3.byteLength + frameBytes);
  const lame = at + 16;
  info.set(
    [...'LAME3.100'].map((c) => c.charCodeAt(0)),
    lame,
  );
  const padding = frames * samplesPerFrame - LAME_ENCODER_DELAY - originalSamples;
  info[lame + 21] = LAME_ENCODER_DELAY >> 4;
  info[lame + 22] = ((LAME_ENCODER_DELAY & 0x0f) << 4) | (padding >> 8);
  info[lame + 23] = padding & 0xff;
  const out = new Uint8Array(frameBytes + mp3.byteLength);
  out.set(info);
  out.set(mp3, frameBytes);
  return out;
}

function countFrameBytes(mp3: Uint8Array, at: number): number {
  const b1 = mp3[at + 1]!;
  const b2 = mp3[at + 2]!;
  const mpeg1 = (b1 & 0x18) === 0x18;
  const mpeg25 = (b1 & 0x18) === 0;
  const kbps = (
    mpeg1
      ? [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
      : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
  )[b2 >> 4]!;
  const rate = (mpeg1 ? [44100, 48000, 32000] : mpeg25 ? [11025, 12000, 8000] : [22050, 24000, 16000])[
    (b2 >> 2) & 3
  ]!;
  return Math.floor(((mpeg1 ? 144 : 72) * kbps * 1000) / rate) + ((b2 >> 1) & 1);
}

// ---------------------------------------------------------------- Opus (Ogg, WebM)

/** libopus's look-ahead at 48 kHz in the audio application (OPUS_GET_LOOKAHEAD). */
export const OPUS_PRE_SKIP = 312;
const OPUS_FRAME = 960; // 20 ms, what MediaRecorder and opusenc use

export interface OpusStream {
  packets: Uint8Array[];
  head: Uint8Array;
  totalSamples: number;
}

/** Encodes 48 kHz audio (mono or stereo) into 20 ms Opus packets with opusscript. */
export function encodeOpus(planes: Float32Array[]): OpusStream {
  const channels = planes.length;
  const total = planes[0]!.length;
  const encoder = new OpusScript(48000, channels, OpusScript.Application.AUDIO);
  const packets: Uint8Array[] = [];
  // The look-ahead delays the audio by the pre-skip; encode that much extra at the end.
  const padded = total + OPUS_PRE_SKIP;
  const pcm = new Int16Array(OPUS_FRAME * channels);
  for (let start = 0; start < padded; start += OPUS_FRAME) {
    for (let i = 0; i < OPUS_FRAME; i += 1) {
      for (let c = 0; c < channels; c += 1) {
        const value = planes[c]![start + i] ?? 0;
        pcm[i * channels + c] = Math.round(Math.max(-1, Math.min(1, value)) * 32767);
      }
    }
    const packet = encoder.encode(Buffer.from(pcm.buffer), OPUS_FRAME);
    packets.push(new Uint8Array(packet));
  }
  encoder.delete();
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set([...'OpusHead'].map((c) => c.charCodeAt(0)));
  head[8] = 1;
  head[9] = channels;
  view.setUint16(10, OPUS_PRE_SKIP, true);
  view.setUint32(12, 48000, true);
  return { packets, head, totalSamples: total };
}

export type OpusContainer = 'ogg' | 'webm' | 'webm-recorder';

/** Muxes Opus packets with mediabunny: Ogg, WebM with duration, or WebM as MediaRecorder writes it (no duration, no cues). */
export async function muxOpus(stream: OpusStream, container: OpusContainer): Promise<Uint8Array> {
  const format =
    container === 'ogg'
      ? new OggOutputFormat()
      : new WebMOutputFormat({ appendOnly: container === 'webm-recorder' });
  const output = new Output({ format, target: new BufferTarget() });
  const source = new EncodedAudioPacketSource('opus');
  output.addAudioTrack(source);
  await output.start();
  const channels = stream.head[9]!;
  const end = stream.totalSamples + OPUS_PRE_SKIP;
  for (const [i, data] of stream.packets.entries()) {
    const start = i * OPUS_FRAME;
    // The last packet's duration ends at the true end: that sets the end trimming.
    const duration = Math.min(OPUS_FRAME, end - start) / 48000;
    const packet = new EncodedPacket(data, 'key', (start - OPUS_PRE_SKIP) / 48000, duration);
    const meta =
      i === 0
        ? {
            decoderConfig: {
              codec: 'opus',
              sampleRate: 48000,
              numberOfChannels: channels,
              description: stream.head,
            },
          }
        : undefined;
    await source.add(packet, meta);
  }
  await output.finalize();
  return new Uint8Array(output.target.buffer!);
}

// ---------------------------------------------------------------- FLAC

const FLAC_BLOCK = 4096;

/**
 * A minimal FLAC encoder: one verbatim subframe per channel (no prediction), 4096-sample
 * blocks, 8/16/24-bit. Valid FLAC that any decoder reads, about as big as WAV.
 */
export function encodeFlacVerbatim(
  planes: Float32Array[],
  sampleRate: number,
  bits: 8 | 16 | 24,
): Uint8Array {
  const total = planes[0]!.length;
  const parts: Uint8Array[] = [flacHeader(planes.length, sampleRate, bits, total)];
  for (let start = 0, index = 0; start < total; start += FLAC_BLOCK, index += 1) {
    parts.push(flacFrame(planes, start, Math.min(FLAC_BLOCK, total - start), index, sampleRate, bits));
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

export function flacHeader(channels: number, sampleRate: number, bits: number, total: number): Uint8Array {
  const out = new Uint8Array(4 + 4 + 34);
  out.set([0x66, 0x4c, 0x61, 0x43]); // "fLaC"
  out.set([0x80, 0, 0, 34], 4); // last metadata block, STREAMINFO, 34 bytes
  const view = new DataView(out.buffer);
  view.setUint16(8, FLAC_BLOCK);
  view.setUint16(10, FLAC_BLOCK);
  // 20-bit rate, 3-bit channels-1, 5-bit bits-1, 36-bit total samples, packed big-endian.
  const packed =
    (BigInt(sampleRate) << 44n) | (BigInt(channels - 1) << 41n) | (BigInt(bits - 1) << 36n) | BigInt(total);
  view.setBigUint64(18, packed);
  return out; // min/max frame sizes and MD5 stay zero: "unknown" is allowed
}

export function flacFrame(
  planes: Float32Array[],
  start: number,
  size: number,
  index: number,
  rate: number,
  bits: number,
): Uint8Array {
  const bytesPerSample = bits / 8;
  const header = [
    0xff,
    0xf8,
    (7 << 4) | 13,
    ((planes.length - 1) << 4) | ({ 8: 1, 16: 4, 24: 6 }[bits]! << 1),
  ];
  header.push(...utf8Number(index), (size - 1) >> 8, (size - 1) & 0xff, rate >> 8, rate & 0xff);
  header.push(crc(header, 8, 0x07));
  const out = new Uint8Array(header.length + planes.length * (1 + size * bytesPerSample) + 2);
  out.set(header);
  let at = header.length;
  const full = 2 ** (bits - 1) - 1;
  for (const plane of planes) {
    out[at++] = 0x02; // subframe header: verbatim, no wasted bits
    for (let i = 0; i < size; i += 1) {
      const value = Math.round(plane[start + i]! * full);
      for (let b = bytesPerSample - 1; b >= 0; b -= 1) out[at++] = (value >> (8 * b)) & 0xff;
    }
  }
  const check = crc(out.subarray(0, at), 16, 0x8005);
  out[at] = check >> 8;
  out[at + 1] = check & 0xff;
  return out;
}

function utf8Number(value: number): number[] {
  if (value < 0x80) return [value];
  if (value < 0x800) return [0xc0 | (value >> 6), 0x80 | (value & 0x3f)];
  return [0xe0 | (value >> 12), 0x80 | ((value >> 6) & 0x3f), 0x80 | (value & 0x3f)];
}

/** Bitwise CRC tables built here, independently of the decoder's own, so a shared bug cannot hide. */
const CRC_TABLES = new Map<string, Uint16Array>();

function crc(bytes: ArrayLike<number>, width: 8 | 16, poly: number): number {
  const top = 1 << (width - 1);
  const mask = (1 << width) - 1;
  const key = `${width}:${poly}`;
  let table = CRC_TABLES.get(key);
  if (!table) {
    table = new Uint16Array(256);
    for (let byte = 0; byte < 256; byte += 1) {
      let value = byte << (width - 8);
      for (let bit = 0; bit < 8; bit += 1)
        value = value & top ? ((value << 1) ^ poly) & mask : (value << 1) & mask;
      table[byte] = value;
    }
    CRC_TABLES.set(key, table);
  }
  let value = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    value = ((value << 8) ^ table[((value >> (width - 8)) ^ bytes[i]!) & 0xff]!) & mask;
  }
  return value;
}

// ---------------------------------------------------------------- AAC in M4A

/** One silent AAC-LC mono frame, as ffmpeg's AAC encoder writes it (1024 samples). */
const SILENT_AAC_FRAME = Uint8Array.from([0x01, 0x18, 0x20, 0x07]);
/** AudioSpecificConfig for AAC-LC, 44.1 kHz, mono (ISO/IEC 14496-3 §1.6.2.1). */
const AAC_LC_44100_MONO = Uint8Array.from([0x12, 0x08]);

/** An M4A holding `frames` frames of silent AAC: a real file, with no AAC encoder needed. */
export async function muxSilentAac(frames: number): Promise<Uint8Array> {
  const output = new Output({ format: new Mp4OutputFormat(), target: new BufferTarget() });
  const source = new EncodedAudioPacketSource('aac');
  output.addAudioTrack(source);
  await output.start();
  for (let i = 0; i < frames; i += 1) {
    const packet = new EncodedPacket(SILENT_AAC_FRAME, 'key', (i * 1024) / 44100, 1024 / 44100);
    const meta =
      i === 0
        ? {
            decoderConfig: {
              codec: 'mp4a.40.2',
              sampleRate: 44100,
              numberOfChannels: 1,
              description: AAC_LC_44100_MONO,
            },
          }
        : undefined;
    await source.add(packet, meta);
  }
  await output.finalize();
  return new Uint8Array(output.target.buffer!);
}
