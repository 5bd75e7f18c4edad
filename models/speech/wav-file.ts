/**
 * 16-bit mono PCM WAV files, the one audio format the speech engines hand over. Audio is
 * written into a temporary file beside the target and renamed into place when complete, so a
 * failed or cancelled synthesis never leaves half a file under the caller's name.
 *
 * espeak-ng writing to a pipe cannot seek back, so its header carries placeholder sizes
 * (0x7ffff000); `finishWavFile` reads the header, checks the format and writes the real sizes.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { SpeechEngineError } from './speech-engine-error';

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Where the samples start in the file. */
  dataOffset: number;
  /** Bytes of samples (the file's real size, not what a streamed header claims). */
  dataBytes: number;
  durationSeconds: number;
}

const HEADER_BYTES = 44;

/** A temporary name beside `target`, hidden, unique, so a rename replaces `target` atomically. */
export function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

function wavHeader(sampleRate: number, dataBytes: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/**
 * Reads the format of a WAV file from its chunks. A data chunk whose size runs past the end of
 * the file (a streamed header) counts up to the end of the file.
 */
export async function readWavInfo(path: string): Promise<WavInfo> {
  const file = await open(path, 'r');
  try {
    return await readInfo(file, path);
  } finally {
    await file.close();
  }
}

async function readInfo(file: FileHandle, path: string): Promise<WavInfo> {
  const { size } = await file.stat();
  const bad = (why: string): SpeechEngineError =>
    new SpeechEngineError('engine-failed', `${path} is not a usable WAV file: ${why}`);
  const head = Buffer.alloc(12);
  await file.read(head, 0, 12, 0);
  if (head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE')
    throw bad('no RIFF/WAVE header');
  let offset = 12;
  let format: Omit<WavInfo, 'dataOffset' | 'dataBytes' | 'durationSeconds'> | undefined;
  const chunk = Buffer.alloc(24);
  while (offset + 8 <= size) {
    await file.read(chunk, 0, 8, offset);
    const id = chunk.toString('ascii', 0, 4);
    const chunkBytes = chunk.readUInt32LE(4);
    if (id === 'fmt ') {
      await file.read(chunk, 0, 16, offset + 8);
      if (chunk.readUInt16LE(0) !== 1) throw bad('not PCM');
      format = {
        channels: chunk.readUInt16LE(2),
        sampleRate: chunk.readUInt32LE(4),
        bitsPerSample: chunk.readUInt16LE(14),
      };
    } else if (id === 'data') {
      if (!format) throw bad('data before its format');
      const dataOffset = offset + 8;
      const dataBytes = Math.min(chunkBytes, size - dataOffset);
      const bytesPerSecond = format.sampleRate * format.channels * (format.bitsPerSample / 8);
      return { ...format, dataOffset, dataBytes, durationSeconds: dataBytes / bytesPerSecond };
    }
    offset += 8 + chunkBytes + (chunkBytes % 2);
  }
  throw bad('no data chunk');
}

/**
 * Checks that `temporary` (written by an engine) is 16-bit mono PCM, writes its true sizes
 * into the header and renames it to `target`. On any failure the temporary file is removed.
 */
export async function finishWavFile(temporary: string, target: string): Promise<WavInfo> {
  try {
    const file = await open(temporary, 'r+');
    let info: WavInfo;
    try {
      info = await readInfo(file, temporary);
      if (info.channels !== 1 || info.bitsPerSample !== 16)
        throw new SpeechEngineError(
          'engine-failed',
          `the engine wrote ${info.channels} channel(s) of ${info.bitsPerSample}-bit audio, not 16-bit mono`,
        );
      // An odd trailing byte is half a sample: leave it out of the count.
      const dataBytes = info.dataBytes - (info.dataBytes % 2);
      const sizes = Buffer.alloc(4);
      sizes.writeUInt32LE(info.dataOffset + dataBytes - 8, 0);
      await file.write(sizes, 0, 4, 4);
      sizes.writeUInt32LE(dataBytes, 0);
      await file.write(sizes, 0, 4, info.dataOffset - 4);
      await file.sync();
      info = { ...info, dataBytes, durationSeconds: dataBytes / (info.sampleRate * 2) };
    } finally {
      await file.close();
    }
    await rename(temporary, target);
    return info;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Appends 16-bit samples to a new WAV file; nothing appears under `target` until `finish`. */
export class WavFileWriter {
  readonly target: string;
  readonly sampleRate: number;
  private readonly temporary: string;
  private readonly file: FileHandle;
  private dataBytes = 0;

  private constructor(target: string, temporary: string, file: FileHandle, sampleRate: number) {
    this.target = target;
    this.temporary = temporary;
    this.file = file;
    this.sampleRate = sampleRate;
  }

  static async create(target: string, sampleRate: number): Promise<WavFileWriter> {
    if (!Number.isInteger(sampleRate) || sampleRate < 1)
      throw new SpeechEngineError('bad-input', `a sample rate must be a positive integer, not ${sampleRate}`);
    const temporary = temporaryPathFor(target);
    const file = await open(temporary, 'w');
    const writer = new WavFileWriter(target, temporary, file, sampleRate);
    await file.write(wavHeader(sampleRate, 0));
    return writer;
  }

  async append(samples: Int16Array): Promise<void> {
    await this.file.write(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
    this.dataBytes += samples.byteLength;
  }

  async appendSilence(seconds: number): Promise<void> {
    const count = Math.round(seconds * this.sampleRate);
    if (count > 0) await this.append(new Int16Array(count));
  }

  /** Writes the final header and renames the file into place. */
  async finish(): Promise<{ sampleRate: number; durationSeconds: number }> {
    try {
      await this.file.write(wavHeader(this.sampleRate, this.dataBytes), 0, HEADER_BYTES, 0);
      await this.file.sync();
      await this.file.close();
      await rename(this.temporary, this.target);
    } catch (error) {
      await this.abort();
      throw error;
    }
    return { sampleRate: this.sampleRate, durationSeconds: this.dataBytes / 2 / this.sampleRate };
  }

  /** Drops everything written so far. */
  async abort(): Promise<void> {
    await this.file.close().catch(() => undefined);
    await rm(this.temporary, { force: true });
  }
}

/** The samples of a 16-bit mono WAV file (for checks and tests; loads the whole file). */
export async function readWavSamples(path: string): Promise<{ info: WavInfo; samples: Int16Array }> {
  const info = await readWavInfo(path);
  if (info.bitsPerSample !== 16 || info.channels !== 1)
    throw new SpeechEngineError('bad-input', `${path} is not 16-bit mono`);
  const file = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(info.dataBytes - (info.dataBytes % 2));
    await file.read(bytes, 0, bytes.length, info.dataOffset);
    const samples = new Int16Array(bytes.length / 2);
    for (let i = 0; i < samples.length; i += 1) samples[i] = bytes.readInt16LE(i * 2);
    return { info, samples };
  } finally {
    await file.close();
  }
}
