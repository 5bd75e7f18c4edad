/**
 * Streams PCM into a 16-bit PCM WAV file, written beside its final path and renamed when
 * complete. The RIFF sizes are only known at the end, so the header is written last, in
 * place; that is why this does not go through the encoders' append-only temp file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

import { chunkFrames, type PcmStream } from '../../audio/pcm.js';
import { TafInputError } from './taf-errors.js';

const HEADER_BYTES = 44;
/** RIFF sizes are 32-bit: a WAV stops at 4 GiB. */
const MAX_DATA_BYTES = 0xffffffff - 36;

export interface WavWritten {
  path: string;
  frames: number;
  channels: number;
  sampleRate: number;
  bytes: number;
}

export async function writeWav16(pcm: PcmStream, outPath: string, signal?: AbortSignal): Promise<WavWritten> {
  const temp = `${outPath}.${randomBytes(6).toString('hex')}.partial`;
  const handle = await open(temp, 'wx');
  try {
    let position = HEADER_BYTES;
    let format: { channels: number; sampleRate: number } | null = null;
    for await (const chunk of pcm) {
      signal?.throwIfAborted();
      format ??= { channels: chunk.channels.length, sampleRate: chunk.sampleRate };
      if (chunk.channels.length !== format.channels || chunk.sampleRate !== format.sampleRate)
        throw new TafInputError(
          'the audio changed channel count or rate midway; a WAV file cannot hold that',
        );
      const bytes = interleave16(chunk.channels);
      if (position - HEADER_BYTES + bytes.length > MAX_DATA_BYTES)
        throw new TafInputError('the audio is too long for one WAV file (4 GiB)');
      await handle.write(bytes, 0, bytes.length, position);
      position += bytes.length;
    }
    if (!format) throw new TafInputError('there is no audio to write');
    const dataBytes = position - HEADER_BYTES;
    await handle.write(wavHeader(format.channels, format.sampleRate, dataBytes), 0, HEADER_BYTES, 0);
    await handle.sync();
    await handle.close();
    await rename(temp, outPath);
    return { path: outPath, frames: dataBytes / 2 / format.channels, ...format, bytes: position };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}

function interleave16(channels: Float32Array[]): Uint8Array {
  const frames = chunkFrames({ sampleRate: 0, channels });
  const out = new Uint8Array(frames * channels.length * 2);
  const view = new DataView(out.buffer);
  let at = 0;
  for (let i = 0; i < frames; i += 1) {
    for (const channel of channels) {
      const v = Math.max(-1, Math.min(1, channel[i]!));
      view.setInt16(at, Math.round(v * 32767), true);
      at += 2;
    }
  }
  return out;
}

function wavHeader(channels: number, sampleRate: number, dataBytes: number): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES);
  const view = new DataView(out.buffer);
  const ascii = (at: number, text: string): void => {
    for (let i = 0; i < text.length; i += 1) out[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // integer PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return out;
}
