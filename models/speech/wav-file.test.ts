import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { SpeechEngineError } from './speech-engine-error';
import { finishWavFile, readWavInfo, readWavSamples, WavFileWriter } from './wav-file';

const folder = mkdtempSync(join(tmpdir(), 'talemo-wav-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A WAV as espeak-ng streams it to a pipe: placeholder sizes in the header. */
function streamedWav(samples: number[], sampleRate = 22_050, channels = 1): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(0x7ffff024, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2 * channels, 28);
  header.writeUInt16LE(2 * channels, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(0x7ffff000, 40);
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => data.writeInt16LE(sample, i * 2));
  return Buffer.concat([header, data]);
}

describe('WavFileWriter', () => {
  it('writes 16-bit mono PCM that reads back sample for sample, and only at finish', async () => {
    const target = join(folder, 'written.wav');
    const writer = await WavFileWriter.create(target, 16_000);
    await writer.append(Int16Array.of(1, -2, 32_767, -32_768));
    await writer.appendSilence(0.001);
    expect(existsSync(target)).toBe(false);
    expect(await writer.finish()).toEqual({ sampleRate: 16_000, durationSeconds: 20 / 16_000 });
    const { info, samples } = await readWavSamples(target);
    expect(info).toMatchObject({
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      dataOffset: 44,
      dataBytes: 40,
    });
    expect(Array.from(samples)).toEqual([1, -2, 32_767, -32_768, ...new Array(16).fill(0)]);
    expect(readFileSync(target).readUInt32LE(4)).toBe(36 + 40);
  });

  it('leaves nothing behind when aborted', async () => {
    const target = join(folder, 'aborted.wav');
    const writer = await WavFileWriter.create(target, 22_050);
    await writer.append(Int16Array.of(5, 6));
    await writer.abort();
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(folder).filter((name) => name.includes('aborted'))).toEqual([]);
  });
});

describe('finishWavFile', () => {
  it('writes the real sizes into a streamed header and renames the file into place', async () => {
    const temporary = join(folder, '.streamed.tmp');
    const target = join(folder, 'streamed.wav');
    writeFileSync(temporary, streamedWav([100, 200, 300]));
    const info = await finishWavFile(temporary, target);
    expect(info).toMatchObject({ sampleRate: 22_050, dataBytes: 6 });
    expect(existsSync(temporary)).toBe(false);
    const bytes = readFileSync(target);
    expect(bytes.readUInt32LE(4)).toBe(44 + 6 - 8);
    expect(bytes.readUInt32LE(40)).toBe(6);
    expect(Array.from((await readWavSamples(target)).samples)).toEqual([100, 200, 300]);
  });

  it('refuses stereo or a file that is not WAV, and removes the temporary file', async () => {
    const stereo = join(folder, '.stereo.tmp');
    writeFileSync(stereo, streamedWav([1, 2, 3, 4], 22_050, 2));
    await expect(finishWavFile(stereo, join(folder, 'stereo.wav'))).rejects.toThrow(/not 16-bit mono/);
    expect(existsSync(stereo)).toBe(false);
    const text = join(folder, '.text.tmp');
    writeFileSync(text, 'espeak-ng: something went wrong');
    await expect(finishWavFile(text, join(folder, 'text.wav'))).rejects.toBeInstanceOf(SpeechEngineError);
    expect(existsSync(text)).toBe(false);
    expect(existsSync(join(folder, 'text.wav'))).toBe(false);
  });

  it('reads the duration from the samples present, not from what a header claims', async () => {
    const path = join(folder, 'claims.wav');
    writeFileSync(path, streamedWav(new Array(2205).fill(7)));
    expect((await readWavInfo(path)).durationSeconds).toBeCloseTo(0.1, 6);
  });
});
