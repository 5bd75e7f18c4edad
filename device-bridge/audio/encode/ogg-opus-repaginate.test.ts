import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { OggOpusDecoder } from 'ogg-opus-decoder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EncodeInputError } from './encode-errors.js';
import { inspectOggOpus, oggOpusConforms } from './ogg-opus-inspect.js';
import { repaginateOggOpus } from './ogg-opus-repaginate.js';
import { encodeOggOpus } from './opus-encoder.js';
import { pcmStream, sine } from './test-signals.js';
import { encodeWavMono16 } from '../wav-encode.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ogg-repage-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function decode(path: string): Promise<Float32Array[]> {
  const decoder = new OggOpusDecoder();
  await decoder.ready;
  try {
    return (await decoder.decodeFile(await readFile(path))).channelData;
  } finally {
    decoder.free();
  }
}

const same = (a: Float32Array[], b: Float32Array[]): boolean =>
  a.length === b.length &&
  a.every((c, i) => Buffer.compare(Buffer.from(c.buffer), Buffer.from(b[i]!.buffer)) === 0);

describe('repaginateOggOpus', () => {
  it('turns a standard Ogg Opus file into the Tonie layout without touching the audio', async (context) => {
    const source = join(dir, 'source.opus');
    const tone = pcmStream({ sampleRate: 48000, channels: 2, seconds: 3, signal: sine(500) });
    await encodeOggOpus(tone, source, { serial: 5 });
    const tonie = join(dir, 'repaged.opus');
    const result = await repaginateOggOpus(source, tonie, {
      layout: 'tonie',
      serial: 6,
      chapterStartsSeconds: [0, 2],
    });

    const report = await inspectOggOpus(tonie);
    expect(oggOpusConforms(report, 'tonie')).toEqual({ ok: true, reasons: [] });
    expect(report.serials).toEqual([6]);
    expect(result.chapterBlocks).toHaveLength(2);
    expect(result.chapterBlocks![0]).toBe(0);
    const original = await inspectOggOpus(source);
    expect(report.lastGranule).toBe(original.lastGranule);
    expect(report.audioPackets).toBe(original.audioPackets);
    expect(report.tags!.vendor).toBe(original.tags!.vendor);
    expect(same(await decode(tonie), await decode(source))).toBe(true);

    // And back: the Tonie file re-paged to the standard layout still decodes the same.
    const back = join(dir, 'back.opus');
    await repaginateOggOpus(tonie, back, { layout: 'standard' });
    expect(oggOpusConforms(await inspectOggOpus(back), 'standard').ok).toBe(true);
    expect(same(await decode(back), await decode(source))).toBe(true);

    // Optional: a file from another encoder (opusenc), when opus-tools is installed.
    const wav = join(dir, 'tone.wav');
    await writeFile(
      wav,
      encodeWavMono16(
        Float32Array.from({ length: 96000 }, (_, i) => 0.3 * Math.sin(i / 12)),
        48000,
      ),
    );
    const foreign = join(dir, 'opusenc.opus');
    try {
      execFileSync('opusenc', ['--quiet', '--downmix-mono', wav, foreign], { stdio: 'ignore' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return context.skip('opusenc is not installed (apt-get install opus-tools)');
      throw error;
    }
    const standardAgain = join(dir, 'opusenc-repaged.opus');
    await repaginateOggOpus(foreign, standardAgain, { layout: 'standard' });
    expect(oggOpusConforms(await inspectOggOpus(standardAgain), 'standard').ok).toBe(true);
    expect(same(await decode(standardAgain), await decode(foreign))).toBe(true);
  });

  it('refuses a damaged file and a mono file for the Tonie layout, leaving nothing behind', async () => {
    const mono = join(dir, 'mono.opus');
    await encodeOggOpus(pcmStream({ sampleRate: 48000, channels: 1, seconds: 1, signal: sine(440) }), mono);
    await expect(repaginateOggOpus(mono, join(dir, 'refused-1.opus'), { layout: 'tonie' })).rejects.toThrow(
      /stereo/,
    );

    const damaged = Buffer.from(await readFile(mono));
    damaged[damaged.length - 10]! ^= 0xff;
    await writeFile(join(dir, 'damaged.opus'), damaged);
    const run = repaginateOggOpus(join(dir, 'damaged.opus'), join(dir, 'refused-2.opus'), {
      layout: 'standard',
    });
    await expect(run).rejects.toBeInstanceOf(EncodeInputError);
    await expect(run).rejects.toThrow(/CRC/);
    expect((await readdir(dir)).filter((f) => f.startsWith('refused'))).toEqual([]);
  });
});
