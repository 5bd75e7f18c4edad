import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { OggOpusDecoder } from 'ogg-opus-decoder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EncodeInputError } from './encode-errors.js';
import { inspectOggOpus, oggOpusConforms } from './ogg-opus-inspect.js';
import { encodeOggOpus } from './opus-encoder.js';
import { clippedSquare, measuredFrequency, pcmStream, peak, rms, silence, sine } from './test-signals.js';

const RATE = 48000;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opus-encode-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Decodes with ogg-opus-decoder (libopus wasm plus its own Ogg reader): no part of ours. */
async function decode(path: string): Promise<{ channels: Float32Array[]; samples: number; errors: number }> {
  const decoder = new OggOpusDecoder();
  await decoder.ready;
  try {
    const decoded = await decoder.decodeFile(await readFile(path));
    return { channels: decoded.channelData, samples: decoded.samplesDecoded, errors: decoded.errors.length };
  } finally {
    decoder.free();
  }
}

const tone = (seconds: number, channels = 1) =>
  pcmStream({ sampleRate: RATE, channels, seconds, signal: sine(1000) });

describe('encodeOggOpus, standard layout', () => {
  it('encodes a 1 kHz tone that decodes to the same length and pitch, with sound headers and granules', async () => {
    const out = join(dir, 'tone.opus');
    const result = await encodeOggOpus(tone(3), out, { channels: 2, serial: 4242 });

    const report = await inspectOggOpus(out);
    expect(oggOpusConforms(report, 'standard')).toEqual({ ok: true, reasons: [] });
    expect(report.head).toMatchObject({
      version: 1,
      channels: 2,
      preSkip: result.preSkip,
      inputSampleRate: RATE,
    });
    expect(report.serials).toEqual([4242]);
    expect(report.lastGranule).toBe(result.finalGranule);
    expect(report.lastGranule - report.head!.preSkip).toBe(3 * RATE); // trimmed to the true end
    expect(report.endTrimSamples).toBeGreaterThanOrEqual(0);
    expect(report.endTrimSamples).toBeLessThan(960);
    expect(report.durationSeconds).toBe(3);
    expect(report.pageCount).toBe(result.pageCount);
    expect(report.audioPackets).toBe(result.packetCount);
    expect(result.preSkip).toBeGreaterThan(0); // libopus always has some lookahead

    const bytes = await readFile(out);
    expect(result.bytes).toBe(bytes.length);
    expect(result.sha1).toBe(createHash('sha1').update(bytes).digest('hex'));

    const decoded = await decode(out);
    expect(decoded.errors).toBe(0);
    expect(Math.abs(decoded.samples - 3 * RATE)).toBeLessThan(960);
    expect(decoded.channels).toHaveLength(2);
    expect(measuredFrequency(decoded.channels[0]!, RATE, 0.5, 2.5)).toBeCloseTo(1000, 0);
    expect(measuredFrequency(decoded.channels[1]!, RATE, 0.5, 2.5)).toBeCloseTo(1000, 0);
  });

  it('writes 60 ms packets (three 20 ms frames joined), mono and in the stereo Tonie layout', async () => {
    const mono = join(dir, 'mono60.opus');
    const result = await encodeOggOpus(tone(2, 2), mono, { channels: 1, frameMs: 60, bitrateKbps: 48 });
    const report = await inspectOggOpus(mono);
    expect(oggOpusConforms(report, 'standard').ok).toBe(true);
    expect(report.head!.channels).toBe(1);
    expect(report.packetSamples).toContain(2880);
    expect(result.frameMs).toBe(60);
    const decoded = await decode(mono);
    expect(Math.abs(decoded.samples - 2 * RATE)).toBeLessThan(960);
    expect(measuredFrequency(decoded.channels[0]!, RATE, 0.5, 1.5)).toBeCloseTo(1000, 0);

    const tonie = join(dir, 'tonie60.opus');
    await encodeOggOpus(tone(2), tonie, { layout: 'tonie', frameMs: 60, chapterStartsSeconds: [0, 1] });
    const tonieReport = await inspectOggOpus(tonie);
    expect(oggOpusConforms(tonieReport, 'tonie')).toEqual({ ok: true, reasons: [] });
    expect(Math.max(...tonieReport.packetSamples)).toBe(2880);
    expect(measuredFrequency((await decode(tonie)).channels[1]!, RATE, 0.5, 1.5)).toBeCloseTo(1000, 0);
  });

  it('encodes silence and clips an over-full square wave', async () => {
    const quiet = join(dir, 'silence.opus');
    await encodeOggOpus(pcmStream({ sampleRate: RATE, channels: 2, seconds: 1, signal: silence }), quiet);
    expect(oggOpusConforms(await inspectOggOpus(quiet), 'standard').ok).toBe(true);
    expect(peak((await decode(quiet)).channels[0]!)).toBeLessThan(0.01);

    const loud = join(dir, 'square.opus');
    await encodeOggOpus(
      pcmStream({ sampleRate: RATE, channels: 2, seconds: 2, signal: clippedSquare(440) }),
      loud,
    );
    expect(oggOpusConforms(await inspectOggOpus(loud), 'standard').ok).toBe(true);
    const decoded = await decode(loud);
    expect(decoded.errors).toBe(0);
    expect(measuredFrequency(decoded.channels[0]!, RATE, 0.5, 1.5)).toBeCloseTo(440, -1);
    expect(rms(decoded.channels[0]!, RATE, 0.5, 1.5)).toBeGreaterThan(0.85); // wrapped samples would give ~0.4
  });

  it('passes opusinfo, when opus-tools is installed', async (context) => {
    const out = join(dir, 'opusinfo.opus');
    await encodeOggOpus(tone(2), out, { layout: 'tonie', chapterStartsSeconds: [0, 1] });
    expect(oggOpusConforms(await inspectOggOpus(out), 'tonie').ok).toBe(true);
    let info: string;
    try {
      info = execFileSync('opusinfo', [out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return context.skip('opusinfo is not installed (apt-get install opus-tools)');
      throw error;
    }
    expect(info).toMatch(/Playback length: 0m:02\.000s/);
    expect(info).not.toMatch(/WARNING|ERROR/);
  });
});

describe('encodeOggOpus, Tonie layout', () => {
  it('makes 4096-byte blocks that each start with a page, chapters on fresh blocks, and the same audio', async () => {
    const tonie = join(dir, 'tonie.opus');
    const chapters = [0, 1, 2.5];
    const result = await encodeOggOpus(tone(3), tonie, {
      layout: 'tonie',
      serial: 77,
      chapterStartsSeconds: chapters,
    });

    const bytes = await readFile(tonie);
    expect(bytes.length % 4096).toBe(0);
    for (let block = 0; block < bytes.length; block += 4096) {
      expect(bytes.subarray(block, block + 4).toString('latin1')).toBe('OggS');
    }
    // Page 0 (OpusHead) and page 1 (OpusTags) fill exactly the first 0x200 bytes.
    const page0 = 27 + bytes[26]! + bytes.subarray(27, 27 + bytes[26]!).reduce((a, b) => a + b, 0);
    expect(bytes.subarray(page0, page0 + 4).toString('latin1')).toBe('OggS');
    const segments1 = bytes[page0 + 26]!;
    const page1 =
      27 + segments1 + bytes.subarray(page0 + 27, page0 + 27 + segments1).reduce((a, b) => a + b, 0);
    expect(page0 + page1).toBe(0x200);

    const report = await inspectOggOpus(tonie);
    expect(oggOpusConforms(report, 'tonie')).toEqual({ ok: true, reasons: [] });
    expect(report.head!.channels).toBe(2); // the box wants stereo; mono input is duplicated

    // Each chapter starts on the page at its block, in the packet that holds its first sample.
    expect(result.chapterBlocks).toHaveLength(chapters.length);
    chapters.forEach((seconds, i) => {
      const block = result.chapterBlocks![i]!;
      const index = report.pages.findIndex((p) => p.offset === Math.max(block * 4096, 0x200));
      expect(index).toBeGreaterThan(1);
      expect(report.pages[index]!.sequence).toBe(result.chapterPages[i]);
      const firstSample = report.pages[index - 1]!.granule; // where this page's first packet begins
      const target = Math.round(seconds * RATE) + result.preSkip;
      expect(firstSample).toBeLessThanOrEqual(target);
      expect(target).toBeLessThan(firstSample + 960);
    });
    expect(result.chapterBlocks![0]).toBe(0);

    // Padding changes bytes, not sound: the same input in the standard layout decodes identically.
    const standard = join(dir, 'tonie-as-standard.opus');
    await encodeOggOpus(tone(3), standard, { channels: 2, serial: 77 });
    const [a, b] = await Promise.all([decode(tonie), decode(standard)]);
    expect(a.errors).toBe(0);
    expect(a.samples).toBe(b.samples);
    expect(Buffer.compare(Buffer.from(a.channels[0]!.buffer), Buffer.from(b.channels[0]!.buffer))).toBe(0);
    expect(Buffer.compare(Buffer.from(a.channels[1]!.buffer), Buffer.from(b.channels[1]!.buffer))).toBe(0);
  });
});

describe('encodeOggOpus refuses and cancels cleanly', () => {
  async function leftovers(name: string): Promise<string[]> {
    return (await readdir(dir)).filter((f) => f.startsWith(name));
  }

  it('refuses audio that is not 48 kHz, naming the rate', async () => {
    const out = join(dir, 'wrong-rate.opus');
    const cd = pcmStream({ sampleRate: 44100, channels: 2, seconds: 1, signal: sine(1000) });
    await expect(encodeOggOpus(cd, out)).rejects.toThrow(/48000 Hz.*44100 Hz/);
    const surround = pcmStream({ sampleRate: RATE, channels: 3, seconds: 1, signal: sine(1000) });
    await expect(encodeOggOpus(surround, out)).rejects.toBeInstanceOf(EncodeInputError);
    expect(await leftovers('wrong-rate')).toEqual([]);
  });

  it('refuses mono Tonie files, chapters out of order or past the end, and empty audio', async () => {
    const out = join(dir, 'refused.opus');
    await expect(encodeOggOpus(tone(1), out, { layout: 'tonie', channels: 1 })).rejects.toThrow(/stereo/);
    await expect(encodeOggOpus(tone(1), out, { chapterStartsSeconds: [0, 2, 1] })).rejects.toThrow(
      /in order/,
    );
    await expect(encodeOggOpus(tone(1), out, { chapterStartsSeconds: [0, 1.5] })).rejects.toThrow(
      /after the audio ends/,
    );
    const empty = pcmStream({ sampleRate: RATE, channels: 2, seconds: 0, signal: silence });
    await expect(encodeOggOpus(empty, out)).rejects.toThrow(/no audio/);
    expect(await leftovers('refused')).toEqual([]);
  });

  it('stops when cancelled mid-way and leaves no file behind', async () => {
    const controller = new AbortController();
    const out = join(dir, 'cancelled.opus');
    const long = pcmStream({
      sampleRate: RATE,
      channels: 2,
      seconds: 30,
      signal: sine(1000),
      beforeChunk: (s) => {
        if (s >= 1) controller.abort();
      },
    });
    let progressed = 0;
    const run = encodeOggOpus(long, out, { signal: controller.signal, onProgress: (s) => (progressed = s) });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progressed).toBeGreaterThan(0.5);
    expect(progressed).toBeLessThan(30);
    expect(await leftovers('cancelled')).toEqual([]);
  });
});

describe('encodeOggOpus, both builds of libopus', () => {
  it('gives the same stream shape from the native and the wasm encoder, each decoding to the tone', async () => {
    const results = [];
    for (const engine of ['native', 'wasm'] as const) {
      const out = join(dir, `engine-${engine}.opus`);
      const result = await encodeOggOpus(tone(2), out, { channels: 1, engine });
      const decoded = await decode(out);
      expect(decoded.errors, engine).toBe(0);
      expect(decoded.samples, engine).toBe(2 * RATE);
      expect(measuredFrequency(decoded.channels[0]!, RATE, 0.5, 1.5), engine).toBeCloseTo(1000, 0);
      results.push(result);
    }
    const [native, wasm] = results;
    expect(native!.preSkip).toBe(wasm!.preSkip);
    expect(native!.packetCount).toBe(wasm!.packetCount);
  });
});
