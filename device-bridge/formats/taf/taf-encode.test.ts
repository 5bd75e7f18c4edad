import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AudioDecodeError, openAudio } from '../../audio/decode/open-audio.js';
import { zeroCrossingHz } from '../../audio/decode/make-test-audio.js';
import { TafInputError } from './taf-errors.js';
import { encodeTaf, TEDDYCLOUD_AUDIO_ID_DEDUCT, type TafEncodeResult } from './taf-encode.js';
import { decodeTafHeader } from './taf-header.js';
import { inspectTaf } from './taf-inspect.js';
import { makeTempDir, makeToneFiles, makeWavTone, rawPages, type ToneFile } from './taf-test-audio.js';

const AUDIO_ID = 0x0badcafe;
let dir: string;
let tones: ToneFile[];
let result: TafEncodeResult;
let file: Uint8Array;
let progress: number[];

beforeAll(async () => {
  dir = await makeTempDir();
  tones = await makeToneFiles(dir);
  progress = [];
  result = await encodeTaf(
    tones.map((t) => t.path),
    join(dir, '500304E0'),
    { audioId: AUDIO_ID, onProgress: (done) => progress.push(done) },
  );
  file = new Uint8Array(await readFile(join(dir, '500304E0')));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('encodeTaf on three real inputs (WAV 48 kHz mono, WAV 44.1 kHz stereo, MP3)', () => {
  it('puts a 4096-byte header in front whose hash, length and id describe the Ogg data', () => {
    const header = decodeTafHeader(file.subarray(0, 4096));
    expect(header.messageLength).toBe(0xffc);
    expect(file.length).toBe(result.bytes);
    expect(header.payloadLength).toBe(file.length - 4096);
    const actual = createHash('sha1').update(file.subarray(4096)).digest('hex');
    expect(Buffer.from(header.sha1).toString('hex')).toBe(actual);
    expect(result.sha1).toBe(actual);
    expect(header.audioId).toBe(AUDIO_ID);
    expect(header.chapters).toEqual(result.chapters);
    expect(result.chapters).toHaveLength(3);
  });

  it('keeps every Ogg page inside one 4096-byte block, with one serial: the audio id', () => {
    const pages = rawPages(file, 4096);
    const last = pages[pages.length - 1]!;
    expect(last.offset + last.size).toBe(file.length - 4096); // the walk covered the whole payload
    expect(pages[2]!.offset).toBe(0x200); // OpusHead + OpusTags pages take 0x200 bytes
    for (const page of pages) {
      expect(Math.floor(page.offset / 4096)).toBe(Math.floor((page.offset + page.size - 1) / 4096));
      expect(page.serial).toBe(AUDIO_ID);
    }
    const starts = new Set(pages.map((p) => p.offset));
    for (let block = 0; block < file.length - 4096; block += 4096) expect(starts.has(block)).toBe(true);
    expect(last.flags & 4).toBe(4); // end of stream
  });

  it('marks each chapter with the block whose page holds the chapter start sample', () => {
    const pages = rawPages(file, 4096);
    const preSkip = new DataView(file.buffer, 4096 + 28 + 8 + 2, 2).getUint16(0, true); // OpusHead on page 0
    let start = 0;
    for (const [i, tone] of tones.entries()) {
      const block = result.chapters[i]!;
      // Chapter 0 is block 0, where the first audio page follows the 0x200 header bytes.
      const index = pages.findIndex((p) => p.offset === (i === 0 ? 0x200 : block * 4096));
      expect(index, `chapter ${i + 1}`).toBeGreaterThan(1);
      const page = pages[index]!;
      expect(page.flags, 'teddycloud wants plain pages at chapter marks').toBe(0);
      const before = Number(pages[index - 1]!.granule); // granule where this page's audio starts
      const target = start + preSkip;
      expect(before).toBeLessThanOrEqual(target);
      expect(Number(page.granule)).toBeGreaterThan(target);
      expect(target - before).toBeLessThan(960); // inside the page's first 20 ms packet
      expect(result.chapterStartsSeconds[i]).toBeCloseTo(start / 48_000, 6);
      start += tone.frames48k;
    }
  });

  it('passes the checks opus2tonie --info makes: OpusHead v1 stereo 48 kHz, one 4096-byte page per block', () => {
    const head = file.subarray(4096 + 28, 4096 + 28 + 19); // page 0 has one lacing value
    expect(String.fromCharCode(...head.subarray(0, 8))).toBe('OpusHead');
    expect(head[8]).toBe(1);
    expect(head[9]).toBe(2);
    expect(new DataView(head.buffer, head.byteOffset + 12, 4).getUint32(0, true)).toBe(48_000);
    const pages = rawPages(file, 4096);
    expect(pages[2]!.offset + pages[2]!.size).toBe(0x1000); // the first audio page fills block 0
    for (const page of pages.slice(3)) expect(page.size).toBe(4096);
  });

  it('gives the track positions teddycloud computes from the granule of each chapter page', () => {
    // teddycloud readTrackPositions: (granule of the chapter's page − granule of chapter 0's page) / 48000, in whole seconds.
    const pages = rawPages(file, 4096);
    const granuleAt = (offset: number): number => Number(pages.find((p) => p.offset === offset)!.granule);
    const first = granuleAt(0x200);
    result.chapters.forEach((block, i) => {
      const seconds = (granuleAt(i === 0 ? 0x200 : block * 4096) - first) / 48_000;
      expect(Math.abs(seconds - result.chapterStartsSeconds[i]!)).toBeLessThan(0.5); // one page of audio at most
    });
  });

  it('holds audio our decoder plays back as long as the inputs together, at their pitches', async () => {
    const ogg = join(dir, 'payload.opus');
    await writeFile(ogg, file.subarray(4096));
    const source = await openAudio(ogg);
    expect(source.format).toMatchObject({ codec: 'opus', channels: 2, sampleRate: 48_000 });
    const left: Float32Array[] = [];
    for await (const chunk of source.pcm()) left.push(chunk.channels[0]!);
    const decoded = Float32Array.from(left.flatMap((c) => [...c]));
    const total = tones.reduce((n, t) => n + t.frames48k, 0);
    expect(decoded.length).toBe(total);
    expect(result.durationSeconds).toBeCloseTo(total / 48_000, 6);
    let at = 0;
    for (const tone of tones) {
      expect(zeroCrossingHz(decoded.subarray(at, at + tone.frames48k), 48_000)).toBeCloseTo(tone.hz, 0);
      at += tone.frames48k;
    }
    expect(source.issues).toEqual([]);
  });

  it('passes our own inspector with no problems, reading the chapters as block indexes', async () => {
    const report = await inspectTaf(join(dir, '500304E0'));
    expect(report.problems).toEqual([]);
    expect(report.chapterConvention).toBe('block');
    expect(report.chapters.map((c) => c.mark)).toEqual(result.chapters);
    report.chapters.forEach((c, i) =>
      expect(Math.abs(c.startSeconds! - result.chapterStartsSeconds[i]!)).toBeLessThan(0.02),
    );
  });

  it('reports progress up to the whole length', () => {
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toBeCloseTo(result.durationSeconds, 1);
  });

  it('is accepted by opusinfo when opus-tools is installed', (ctx) => {
    const ogg = join(dir, 'payload-info.opus');
    let output: string;
    try {
      execFileSync('opusinfo', ['-h'], { stdio: 'ignore' });
    } catch {
      ctx.skip('opusinfo (opus-tools) is not installed: optional cross-check skipped');
      return;
    }
    return writeFile(ogg, file.subarray(4096)).then(() => {
      output = execFileSync('opusinfo', [ogg], { encoding: 'utf8' });
      expect(output).toMatch(/Channels: 2/);
      expect(output).not.toMatch(/WARNING|ERROR/i);
      expect(output).toMatch(new RegExp(`serial: ${AUDIO_ID.toString(16).padStart(8, '0')}`, 'i'));
      const length = /Playback length: (\d+)m:([\d.]+)s/.exec(output);
      expect(Number(length?.[1]) * 60 + Number(length?.[2])).toBeCloseTo(result.durationSeconds, 2);
    });
  });
});

describe('encodeTaf defaults and refusals', () => {
  it('takes teddycloud custom audio id (unix time − 0x50000000) when none is given', async () => {
    const tone = await makeWavTone(dir, 'short.wav', 0.3);
    const before = Math.floor(Date.now() / 1000) - TEDDYCLOUD_AUDIO_ID_DEDUCT;
    const r = await encodeTaf([tone], join(dir, 'default-id.taf'));
    const after = Math.floor(Date.now() / 1000) - TEDDYCLOUD_AUDIO_ID_DEDUCT;
    expect(r.audioId).toBeGreaterThanOrEqual(before);
    expect(r.audioId).toBeLessThanOrEqual(after);
    expect(r.chapters).toEqual([0]);
    expect((await inspectTaf(r.path)).problems).toEqual([]);
  });

  it('refuses no inputs, too many inputs and a bad audio id, before writing anything', async () => {
    const out = join(dir, 'refused.taf');
    await expect(encodeTaf([], out)).rejects.toThrow(TafInputError);
    await expect(encodeTaf(new Array<string>(101).fill(tones[0]!.path), out)).rejects.toThrow(/at most 100/);
    await expect(encodeTaf([tones[0]!.path], out, { audioId: -5 })).rejects.toThrow(/32-bit/);
    expect((await readdir(dir)).filter((f) => f.startsWith('refused'))).toEqual([]);
  });

  it('names a file that is not audio and leaves nothing behind', async () => {
    const text = join(dir, 'notes.mp3');
    await writeFile(text, 'Once upon a time, this was not audio at all.'.repeat(20));
    const out = join(dir, 'bad-input.taf');
    const error = await encodeTaf([tones[0]!.path, text], out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AudioDecodeError);
    expect((error as Error).message).toMatch(/notes\.mp3/);
    expect((await readdir(dir)).filter((f) => f.startsWith('bad-input'))).toEqual([]);
  });

  it('stops when aborted and removes its temporary files', async () => {
    const controller = new AbortController();
    const out = join(dir, 'aborted.taf');
    const run = encodeTaf([tones[0]!.path, tones[1]!.path], out, {
      audioId: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toThrow();
    expect((await readdir(dir)).filter((f) => f.startsWith('aborted'))).toEqual([]);
  });
});
