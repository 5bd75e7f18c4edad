import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LameEncoder } from './lame-wasm.js';
import { encodeMp3 } from './mp3-encoder.js';
import { inspectMp3, mp3ConformsToLunii, parseMp3FrameHeader } from './mp3-frames.js';
import { stripMp3ForLunii } from './mp3-strip.js';
import { pcmStream, sine } from './test-signals.js';

let dir: string;
let clean: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mp3-strip-'));
  await encodeMp3(
    pcmStream({ sampleRate: 44100, channels: 1, seconds: 1, signal: sine(440) }),
    join(dir, 'clean.mp3'),
  );
  clean = await readFile(join(dir, 'clean.mp3'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('stripMp3ForLunii', () => {
  it('drops tags, an Info frame and a cut-short last frame, keeping the audio frames byte for byte', async () => {
    const header = parseMp3FrameHeader(clean, 0);
    if (!header || header === 'free-format') throw new Error('no first frame');
    const info = Buffer.alloc(header.frameBytes);
    clean.copy(info, 0, 0, 4);
    info.write('Info', 4 + 17, 'latin1');
    const id3 = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 20, ...new Array<number>(20).fill(0)]);
    const messy = Buffer.concat([id3, info, clean, clean.subarray(0, 200)]); // 200 bytes: a frame cut short
    await writeFile(join(dir, 'messy.mp3'), messy);
    expect(mp3ConformsToLunii(await inspectMp3(join(dir, 'messy.mp3'))).ok).toBe(false);

    const result = await stripMp3ForLunii(join(dir, 'messy.mp3'), join(dir, 'fixed.mp3'));
    expect(result.removed).toEqual(['ID3v2 tag', 'Info frame', 'cut-short last frame (200 bytes)']);
    const fixed = await readFile(join(dir, 'fixed.mp3'));
    expect(Buffer.compare(fixed, clean)).toBe(0);
    expect(mp3ConformsToLunii(await inspectMp3(join(dir, 'fixed.mp3'))).ok).toBe(true);
  });

  it('refuses audio that needs re-encoding, and leaves nothing behind', async () => {
    const lame = await LameEncoder.create(48000, 2, 128);
    const tone = new Float32Array(48000).map((_, i) => 0.3 * Math.sin(i / 9));
    await writeFile(
      join(dir, 'stereo.mp3'),
      Buffer.concat([lame.encode([tone, tone], 0, tone.length), lame.flush()]),
    );
    lame.close();
    await expect(stripMp3ForLunii(join(dir, 'stereo.mp3'), join(dir, 'refused.mp3'))).rejects.toThrow(
      /needs re-encoding.*48000 Hz/,
    );
    expect((await readdir(dir)).filter((f) => f.startsWith('refused'))).toEqual([]);
  });
});
