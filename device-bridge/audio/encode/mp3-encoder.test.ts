import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { MPEGDecoder } from 'mpg123-decoder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EncodeInputError } from './encode-errors.js';
import { encodeMp3 } from './mp3-encoder.js';
import { inspectMp3, mp3ConformsToLunii } from './mp3-frames.js';
import { clippedSquare, measuredFrequency, pcmStream, peak, rms, silence, sine } from './test-signals.js';

const RATE = 44100;
const FRAME = 1152;

let dir: string;
let decoder: MPEGDecoder;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mp3-encode-'));
  decoder = new MPEGDecoder();
  await decoder.ready;
});
afterAll(async () => {
  decoder.free();
  await rm(dir, { recursive: true, force: true });
});

/** Decodes with mpg123 (wasm), an MP3 decoder that is no part of ours. */
async function decode(path: string): Promise<{ samples: Float32Array; rate: number; errors: number }> {
  await decoder.reset();
  const decoded = decoder.decode(await readFile(path));
  return { samples: decoded.channelData[0]!, rate: decoded.sampleRate, errors: decoded.errors.length };
}

describe('encodeMp3', () => {
  it('turns a 1 kHz tone into a Lunii MP3 that plays back as 1 kHz for the same length', async () => {
    const out = join(dir, 'tone.mp3');
    const seconds = 3;
    const result = await encodeMp3(
      pcmStream({ sampleRate: RATE, channels: 1, seconds, signal: sine(1000) }),
      out,
    );

    const report = await inspectMp3(out);
    expect(mp3ConformsToLunii(report)).toEqual({ ok: true, reasons: [] });
    expect(report).toMatchObject({
      versions: ['1'],
      layers: [3],
      sampleRates: [44100],
      channelModes: ['mono'],
      bitratesKbps: [128],
      id3v2: false,
      id3v1: false,
      vbrHeader: null,
      truncatedLastFrame: false,
      garbageBytes: 0,
    });
    expect(report.frameCount).toBe(result.frameCount);
    expect(report.fileBytes).toBe(result.bytes);

    const decoded = await decode(out);
    expect(decoded.errors).toBe(0);
    expect(decoded.rate).toBe(RATE);
    expect(decoded.samples.length).toBe(report.frameCount * FRAME);
    // No gapless info is written, so the decoder plays LAME's 576-sample delay and the
    // last frame's padding: the extra beyond the delay stays under one frame.
    const extra = decoded.samples.length - seconds * RATE - result.encoderDelaySamples;
    expect(extra).toBeGreaterThanOrEqual(0);
    expect(extra).toBeLessThan(FRAME);
    expect(measuredFrequency(decoded.samples, RATE, 0.5, 2.5)).toBeCloseTo(1000, 0);
  });

  it('encodes silence and clips an over-full square wave instead of wrapping it', async () => {
    const quiet = join(dir, 'silence.mp3');
    await encodeMp3(pcmStream({ sampleRate: RATE, channels: 1, seconds: 1, signal: silence }), quiet);
    expect(mp3ConformsToLunii(await inspectMp3(quiet)).ok).toBe(true);
    expect(peak((await decode(quiet)).samples)).toBeLessThan(0.01);

    const loud = join(dir, 'square.mp3');
    await encodeMp3(
      pcmStream({ sampleRate: RATE, channels: 1, seconds: 2, signal: clippedSquare(440) }),
      loud,
      {
        bitrateKbps: 64,
      },
    );
    const report = await inspectMp3(loud);
    expect(mp3ConformsToLunii(report).ok).toBe(true);
    expect(report.bitratesKbps).toEqual([64]);
    const decoded = await decode(loud);
    expect(decoded.errors).toBe(0);
    expect(measuredFrequency(decoded.samples, RATE, 0.5, 1.5)).toBeCloseTo(440, -1);
    // Clipped to full scale, a square wave has an RMS level near 1; samples wrapped around
    // in 16 bits (1.6 → -0.4) would bring it down to about 0.4.
    expect(rms(decoded.samples, RATE, 0.5, 1.5)).toBeGreaterThan(0.85);
  });

  it('gives the same bytes whatever the chunk sizes', async () => {
    const a = join(dir, 'chunks-a.mp3');
    const b = join(dir, 'chunks-b.mp3');
    const spec = { sampleRate: RATE, channels: 1, seconds: 1.5, signal: sine(523) };
    await encodeMp3(pcmStream({ ...spec, chunkFrames: 16_384 }), a);
    await encodeMp3(pcmStream({ ...spec, chunkFrames: 777 }), b);
    expect(Buffer.compare(await readFile(a), await readFile(b))).toBe(0);
  });

  it('reports progress in seconds of input', async () => {
    const seen: number[] = [];
    await encodeMp3(
      pcmStream({ sampleRate: RATE, channels: 1, seconds: 1, signal: sine(300), chunkFrames: 11_025 }),
      join(dir, 'progress.mp3'),
      { onProgress: (s) => seen.push(s) },
    );
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('matches what ffprobe counts, when ffprobe is installed', async (context) => {
    const out = join(dir, 'probe.mp3');
    const result = await encodeMp3(
      pcmStream({ sampleRate: RATE, channels: 1, seconds: 2, signal: sine(800) }),
      out,
    );
    let probe: string;
    try {
      const args = [
        '-v',
        'error',
        '-count_frames',
        '-show_entries',
        'stream=nb_read_frames,channels,sample_rate',
      ];
      probe = execFileSync('ffprobe', [...args, '-of', 'json', out], { encoding: 'utf8' });
    } catch {
      return context.skip('ffprobe is not installed (apt-get install ffmpeg)');
    }
    const stream = (JSON.parse(probe) as { streams: Record<string, unknown>[] }).streams[0]!;
    expect(Number(stream.nb_read_frames)).toBe(result.frameCount);
    expect(stream.channels).toBe(1);
    expect(stream.sample_rate).toBe('44100');
  });
});

describe('encodeMp3 refuses and cancels cleanly', () => {
  /** Nothing but these names may be left in the folder: no output, no temp file. */
  async function leftovers(name: string): Promise<string[]> {
    return (await readdir(dir)).filter((f) => f.startsWith(name));
  }

  it('refuses audio that is not 44.1 kHz mono, naming the problem', async () => {
    const out = join(dir, 'wrong-rate.mp3');
    const wrongRate = pcmStream({ sampleRate: 48000, channels: 1, seconds: 1, signal: sine(1000) });
    await expect(encodeMp3(wrongRate, out)).rejects.toThrow(/44100 Hz mono.*48000 Hz/);
    const stereo = pcmStream({ sampleRate: RATE, channels: 2, seconds: 1, signal: sine(1000) });
    await expect(encodeMp3(stereo, out)).rejects.toBeInstanceOf(EncodeInputError);
    expect(await leftovers('wrong-rate')).toEqual([]);
  });

  it('refuses a bitrate MPEG-1 Layer III does not have, and empty audio', async () => {
    const tone = pcmStream({ sampleRate: RATE, channels: 1, seconds: 1, signal: sine(1000) });
    await expect(encodeMp3(tone, join(dir, 'bad-rate.mp3'), { bitrateKbps: 100 })).rejects.toThrow(/bitrate/);
    const empty = pcmStream({ sampleRate: RATE, channels: 1, seconds: 0, signal: silence });
    await expect(encodeMp3(empty, join(dir, 'empty.mp3'))).rejects.toThrow(/no audio/);
    expect(await leftovers('bad-rate')).toEqual([]);
    expect(await leftovers('empty')).toEqual([]);
  });

  it('stops when cancelled mid-way and leaves no file behind', async () => {
    const controller = new AbortController();
    const out = join(dir, 'cancelled.mp3');
    const long = pcmStream({
      sampleRate: RATE,
      channels: 1,
      seconds: 30,
      signal: sine(1000),
      beforeChunk: (s) => {
        if (s >= 2) controller.abort();
      },
    });
    let progressed = 0;
    const run = encodeMp3(long, out, { signal: controller.signal, onProgress: (s) => (progressed = s) });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progressed).toBeGreaterThan(1);
    expect(progressed).toBeLessThan(30);
    expect(await leftovers('cancelled')).toEqual([]);
  });
});
