import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { MPEGDecoder } from 'mpg123-decoder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LameEncoder } from './lame-wasm.js';
import { encodeMp3 } from './mp3-encoder.js';
import { Mp3FrameWalker, inspectMp3, mp3ConformsToLunii, parseMp3FrameHeader } from './mp3-frames.js';
import { pcmStream, sine } from './test-signals.js';

let dir: string;
/** A clean Lunii MP3 made by our encoder: the material the hostile cases are cut from. */
let clean: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mp3-frames-'));
  const path = join(dir, 'clean.mp3');
  await encodeMp3(pcmStream({ sampleRate: 44100, channels: 1, seconds: 1, signal: sine(440) }), path);
  clean = await readFile(path);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function inspectBytes(name: string, bytes: Uint8Array) {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return inspectMp3(path);
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** An ID3v2.3 tag with one title frame, its size written as four 7-bit bytes. */
function id3v2(): Uint8Array {
  const title = [...ascii('TIT2'), 0, 0, 0, 6, 0, 0, 0, ...ascii('Story')];
  const body = [...title, ...new Array<number>(100).fill(0)];
  const n = body.length;
  return Uint8Array.from([
    ...ascii('ID3'),
    3,
    0,
    0,
    (n >> 21) & 127,
    (n >> 14) & 127,
    (n >> 7) & 127,
    n & 127,
    ...body,
  ]);
}

function id3v1(): Uint8Array {
  const tag = new Uint8Array(128);
  tag.set(ascii('TAGA story title'));
  return tag;
}

/** An APEv2 tag written footer-only, as many taggers append it. */
function apeFooterOnly(): Uint8Array {
  const item = [5, 0, 0, 0, 0, 0, 0, 0, ...ascii('Title'), 0, ...ascii('Story')];
  const footer = new Uint8Array(32);
  const view = new DataView(footer.buffer);
  footer.set(ascii('APETAGEX'));
  view.setUint32(8, 2000, true);
  view.setUint32(12, item.length + 32, true);
  view.setUint32(16, 1, true);
  return Uint8Array.from([...item, ...footer]);
}

/** Offsets of the first `count` frames of a file with no tag in front. */
function frameOffsets(bytes: Uint8Array, count: number): number[] {
  const offsets: number[] = [];
  for (let at = 0; offsets.length < count;) {
    const header = parseMp3FrameHeader(bytes, at);
    if (!header || header === 'free-format') throw new Error(`no frame at ${at}`);
    offsets.push(at);
    at += header.frameBytes;
  }
  return offsets;
}

const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

describe('inspectMp3', () => {
  it('finds ID3v2, ID3v1 and APE tags around the frames and says why Lunii would refuse', async () => {
    const cleanReport = await inspectBytes('clean.mp3', clean);
    const tagged = concat(id3v2(), clean, apeFooterOnly(), id3v1());
    const report = await inspectBytes('tagged.mp3', tagged);
    expect(report).toMatchObject({ id3v2: true, id3v1: true, apeTag: true, garbageBytes: 0 });
    expect(report.frameCount).toBe(cleanReport.frameCount);
    const verdict = mp3ConformsToLunii(report);
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.join('\n')).toMatch(/ID3v2[\s\S]*ID3v1[\s\S]*APE/);
  });

  it('gives the byte range of the audio, so tags can be dropped without re-encoding', async () => {
    const tagged = concat(id3v2(), clean, id3v1());
    const report = await inspectBytes('to-strip.mp3', tagged);
    const stripped = tagged.subarray(report.audioStart, report.audioEnd);
    expect(Buffer.compare(stripped, clean)).toBe(0);
    expect(mp3ConformsToLunii(await inspectBytes('stripped.mp3', stripped)).ok).toBe(true);
  });

  it('detects a truncated last frame, and an independent decoder sees the same frames', async () => {
    const cut = clean.subarray(0, clean.length - 100);
    const report = await inspectBytes('cut.mp3', cut);
    expect(report.truncatedLastFrame).toBe(true);
    expect(report.truncatedBytes).toBeGreaterThan(0);
    expect(report.audioEnd).toBe(cut.length - report.truncatedBytes);
    expect(mp3ConformsToLunii(report).reasons.join()).toMatch(/last frame cut short/);

    const decoder = new MPEGDecoder();
    await decoder.ready;
    const whole = decoder.decode(cut.subarray(0, report.audioEnd));
    decoder.free();
    expect(whole.samplesDecoded).toBe(report.frameCount * 1152);
  });

  it('counts bytes between frames that belong to neither a frame nor a tag', async () => {
    const [, , , , , , , , , tenth] = frameOffsets(clean, 10);
    const junk = new Uint8Array(50).fill(0x20);
    const damaged = concat(clean.subarray(0, tenth), junk, clean.subarray(tenth));
    const report = await inspectBytes('junk.mp3', damaged);
    expect(report.garbageBytes).toBe(50);
    expect(report.garbageRuns).toBe(1);
    expect(report.frameCount).toBe((await inspectBytes('clean2.mp3', clean)).frameCount);
    expect(mp3ConformsToLunii(report).ok).toBe(false);
  });

  it('recognises a leading Info frame and does not count it as audio', async () => {
    const header = parseMp3FrameHeader(clean, 0);
    if (!header || header === 'free-format') throw new Error('clean file has no first frame');
    const info = new Uint8Array(header.frameBytes);
    info.set(clean.subarray(0, 4));
    info.set(ascii('Info'), 4 + 17); // after MPEG-1 mono side information
    const report = await inspectBytes('info.mp3', concat(info, clean));
    expect(report.vbrHeader).toBe('Info');
    expect(report.frameCount).toBe((await inspectBytes('clean3.mp3', clean)).frameCount);
    expect(report.audioStart).toBe(header.frameBytes);
    expect(mp3ConformsToLunii(report).reasons.join()).toMatch(/Info frame/);
  });

  it('tells what is wrong with a 48 kHz stereo MP3 and with MPEG-2 audio', async () => {
    for (const [rate, channels, expected] of [
      [48000, 2, /48000 Hz[\s\S]*not mono/],
      [22050, 1, /not MPEG-1 Layer III/],
    ] as const) {
      const lame = await LameEncoder.create(rate, channels, 64);
      const tone = new Float32Array(rate).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / rate));
      const bytes = concat(lame.encode([tone, tone], 0, tone.length), lame.flush());
      lame.close();
      const report = await inspectBytes(`other-${rate}.mp3`, bytes);
      expect(report.sampleRates).toEqual([rate]);
      expect(report.garbageBytes).toBe(0);
      expect(report.durationSeconds).toBeGreaterThan(1);
      expect(mp3ConformsToLunii(report).reasons.join('\n')).toMatch(expected);
    }
  });

  it('finds no frames in a file that is not an MP3', async () => {
    const report = await inspectBytes(
      'text.mp3',
      new TextEncoder().encode('just some text, no audio\n'.repeat(50)),
    );
    expect(report.frameCount).toBe(0);
    expect(mp3ConformsToLunii(report).reasons).toContain('no MPEG audio frames found');
  });

  it('reports the same whatever sizes the bytes arrive in', async () => {
    const [, , , fourth] = frameOffsets(clean, 4);
    const messy = concat(
      id3v2(),
      clean.subarray(0, fourth),
      new Uint8Array(7),
      clean.subarray(fourth),
      id3v1(),
    );
    const whole = await inspectBytes('messy.mp3', messy);
    const walker = new Mp3FrameWalker();
    let seed = 3;
    for (let at = 0; at < messy.length;) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = 1 + (seed % 9);
      walker.push(messy.subarray(at, at + n));
      at += n;
    }
    expect(walker.end()).toEqual(whole);
    expect(whole).toMatchObject({ id3v2: true, id3v1: true, garbageBytes: 7 });
  });
});
