/**
 * WAV: headers from readWavLayout, samples streamed straight from the file. A file cut
 * short (its header announces more than it holds) decodes what it holds and says so in
 * `issues`: a parent would rather keep nine minutes of a ten-minute recording.
 */
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { AudioDecodeError } from './audio-decode-error.js';
import type { OpenedAudio, PcmReadOptions } from './audio-source.js';
import { streamFileBytes } from './file-bytes.js';
import { PcmAssembler } from './pcm-assembler.js';
import { cutShortMessage } from './audio-issues.js';
import { readWavLayout, type WavLayout } from './wav-header.js';
import { deinterleaveWav, wavSampleReader } from './wav-samples.js';
import type { PcmChunk } from '../pcm.js';

export async function openWav(path: string, handle: FileHandle, fileSize: number): Promise<OpenedAudio> {
  const layout = await readWavLayout(handle, fileSize, path);
  const byteRate = layout.blockAlign * layout.sampleRate;
  const seconds = layout.dataBytes / byteRate;
  const issues: string[] = [];
  const announced = layout.announcedDataBytes;
  if (announced !== null && announced > layout.dataBytes + layout.blockAlign) {
    if (layout.dataBytes === 0)
      throw new AudioDecodeError('truncated', path, cutShortMessage(announced / byteRate, 0));
    issues.push(`${basename(path)} ${cutShortMessage(announced / byteRate, seconds)}`);
  }
  if (layout.dataBytes === 0)
    throw new AudioDecodeError('empty', path, 'holds no audio (its data chunk is empty)');
  return {
    format: {
      container: 'wav',
      codec: 'pcm',
      sampleRate: layout.sampleRate,
      channels: layout.channels,
      durationSeconds: seconds,
      bitsPerSample: layout.bitsPerSample,
      bitrate: byteRate * 8,
    },
    issues,
    pcm: (options) => wavPcm(path, layout, options),
  };
}

async function* wavPcm(path: string, layout: WavLayout, options: PcmReadOptions): AsyncGenerator<PcmChunk> {
  const read = wavSampleReader(layout);
  const assembler = new PcmAssembler({ sampleRate: layout.sampleRate, channels: layout.channels });
  let carry = new Uint8Array(0);
  const end = layout.dataOffset + layout.dataBytes;
  for await (const bytes of streamFileBytes(path, layout.dataOffset, end, options.signal)) {
    // A chunk rarely ends on a frame boundary: carry the partial frame into the next one.
    const joined = carry.byteLength > 0 ? concat(carry, bytes) : bytes;
    const whole = joined.byteLength - (joined.byteLength % layout.blockAlign);
    carry = joined.slice(whole);
    const planes = deinterleaveWav(joined.subarray(0, whole), layout, read);
    yield* assembler.push(planes, whole / layout.blockAlign);
  }
  yield* assembler.finish(false);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
