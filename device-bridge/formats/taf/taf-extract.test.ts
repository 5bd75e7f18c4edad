import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openAudio } from '../../audio/decode/open-audio.js';
import { zeroCrossingHz } from '../../audio/decode/make-test-audio.js';
import { inspectOggOpus, oggOpusConforms } from '../../audio/encode/ogg-opus-inspect.js';
import { TafFormatError } from './taf-errors.js';
import { encodeTaf, type TafEncodeResult } from './taf-encode.js';
import { extractTaf } from './taf-extract.js';
import { makeTempDir, makeWavTone, seededBytes } from './taf-test-audio.js';

const TONES = [
  { hz: 440, seconds: 0.8 },
  { hz: 660, seconds: 0.6 },
  { hz: 990, seconds: 0.5 },
];
let dir: string;
let taf: TafEncodeResult;

beforeAll(async () => {
  dir = await makeTempDir();
  const inputs: string[] = [];
  for (const [i, t] of TONES.entries()) inputs.push(await makeWavTone(dir, `in-${i}.wav`, t.seconds, t.hz));
  taf = await encodeTaf(inputs, join(dir, 'story.taf'), { audioId: 777 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function decode(path: string): Promise<{ left: Float32Array; channels: number; rate: number }> {
  const source = await openAudio(path);
  const parts: Float32Array[] = [];
  for await (const chunk of source.pcm()) parts.push(chunk.channels[0]!);
  return {
    left: Float32Array.from(parts.flatMap((p) => [...p])),
    channels: source.format.channels,
    rate: source.format.sampleRate,
  };
}

describe('extractTaf', () => {
  it('splits the chapters into sound Ogg Opus files that play back, in order, as long as the whole', async () => {
    const out = join(dir, 'chapters');
    const { files, report } = await extractTaf(taf.path, out, { perChapter: true });
    expect(report.problems).toEqual([]);
    expect(files.map((f) => f.slice(out.length + 1))).toEqual([
      'chapter-01.opus',
      'chapter-02.opus',
      'chapter-03.opus',
    ]);
    let total = 0;
    for (const [i, path] of files.entries()) {
      const verdict = oggOpusConforms(await inspectOggOpus(path), 'standard');
      expect(verdict.reasons).toEqual([]);
      const { left } = await decode(path);
      // Each file holds its chapter give or take the packet (20 ms) the chapter mark falls in.
      expect(Math.abs(left.length / 48_000 - TONES[i]!.seconds)).toBeLessThan(0.021);
      expect(zeroCrossingHz(left, 48_000)).toBeCloseTo(TONES[i]!.hz, 0);
      total += left.length;
    }
    expect(total).toBe(Math.round(taf.durationSeconds * 48_000));
  });

  it('decodes the whole programme to one 48 kHz stereo WAV file', async () => {
    const out = join(dir, 'all.wav');
    const { files } = await extractTaf(taf.path, out, { perChapter: false });
    expect(files).toEqual([out]);
    const wav = await decode(out);
    expect(wav.channels).toBe(2);
    expect(wav.rate).toBe(48_000);
    expect(wav.left.length).toBe(Math.round(taf.durationSeconds * 48_000));
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('refuses a file that is not a TAF and writes nothing', async () => {
    const junk = join(dir, 'junk.bin');
    await writeFile(junk, seededBytes(10_000, 99));
    await expect(extractTaf(junk, join(dir, 'junk.wav'), { perChapter: false })).rejects.toThrow(
      TafFormatError,
    );
    await expect(extractTaf(junk, join(dir, 'junk-dir'), { perChapter: true })).rejects.toThrow(
      TafFormatError,
    );
    expect((await readdir(dir)).filter((f) => f.startsWith('junk'))).toEqual(['junk.bin']);
  });
});
