import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { oggPageCrc } from './ogg-crc.js';
import { inspectOggOpus, oggOpusConforms } from './ogg-opus-inspect.js';
import { encodeOggOpus } from './opus-encoder.js';
import { pcmStream, sine } from './test-signals.js';
import { encodeWavMono16 } from '../wav-encode.js';

let dir: string;
let standard: Buffer;
let tonie: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ogg-inspect-'));
  const tone = () => pcmStream({ sampleRate: 48000, channels: 2, seconds: 2, signal: sine(700) });
  await encodeOggOpus(tone(), join(dir, 'standard.opus'), { serial: 9 });
  await encodeOggOpus(tone(), join(dir, 'tonie.opus'), { layout: 'tonie', serial: 9 });
  standard = await readFile(join(dir, 'standard.opus'));
  tonie = await readFile(join(dir, 'tonie.opus'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function inspectBytes(name: string, bytes: Uint8Array, start?: number) {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return inspectOggOpus(path, { start });
}

/** Page start offsets found by walking the raw bytes (sizes from each page's own header). */
function pageOffsets(bytes: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = 0; at < bytes.length;) {
    offsets.push(at);
    const segments = bytes[at + 26]!;
    at += 27 + segments + bytes.subarray(at + 27, at + 27 + segments).reduce((a, b) => a + b, 0);
  }
  return offsets;
}

describe('inspectOggOpus on damaged files', () => {
  it('catches a page whose CRC no longer matches', async () => {
    const damaged = Buffer.from(tonie);
    damaged[4096 * 2 + 500]! ^= 0x01; // one bit inside the third block's page
    const report = await inspectBytes('crc.opus', damaged);
    expect(report.crcErrors).toBe(1);
    const verdict = oggOpusConforms(report, 'tonie');
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons).toContain('1 page(s) with a wrong CRC');
  });

  it('catches a missing page: a sequence gap and granules that no longer add up', async () => {
    const offsets = pageOffsets(standard);
    const [, , , start, end] = offsets;
    const missing = Buffer.concat([standard.subarray(0, start), standard.subarray(end)]);
    const report = await inspectBytes('missing.opus', missing);
    expect(report.sequenceGaps).toBe(1);
    expect(report.granuleMismatches).toBeGreaterThan(0);
    expect(oggOpusConforms(report, 'standard').reasons.join()).toMatch(/gap/);
  });

  it('catches a cut-short file and bytes between pages', async () => {
    const cut = await inspectBytes('cut.opus', standard.subarray(0, standard.length - 300));
    expect(cut.truncatedBytes).toBeGreaterThan(0);
    expect(cut.eosOk).toBe(false);
    expect(oggOpusConforms(cut, 'standard').ok).toBe(false);

    const [, , third] = pageOffsets(standard);
    const junk = Buffer.concat([
      standard.subarray(0, third),
      Buffer.alloc(33, 0x55),
      standard.subarray(third),
    ]);
    const report = await inspectBytes('junk.opus', junk);
    expect(report.garbageBytes).toBe(33);
    expect(report.pageCount).toBe(pageOffsets(standard).length);
    expect(oggOpusConforms(report, 'standard').reasons).toContain('33 bytes outside any page');
  });

  it('catches a granule position that disagrees with the packets, even with a valid CRC', async () => {
    const tampered = Buffer.from(standard);
    const [, , , page] = pageOffsets(standard);
    const view = new DataView(tampered.buffer, tampered.byteOffset);
    view.setBigInt64(page! + 6, view.getBigInt64(page! + 6, true) + 960n, true);
    const end = pageOffsets(standard)[4]!;
    view.setUint32(page! + 22, oggPageCrc(tampered.subarray(page!, end)), true);
    const report = await inspectBytes('granule.opus', tampered);
    expect(report.crcErrors).toBe(0);
    expect(report.granuleMismatches).toBe(1);
    expect(report.granuleBackwards).toBe(0);
  });
});

describe('inspectOggOpus on sound files', () => {
  it('tells a standard file from a Tonie-layout one, and agrees on what they hold', async (context) => {
    const plain = await inspectBytes('s.opus', standard);
    const boxed = await inspectBytes('t.opus', tonie);
    expect(oggOpusConforms(plain, 'standard').ok).toBe(true);
    expect(oggOpusConforms(boxed, 'tonie').ok).toBe(true);
    const notTonie = oggOpusConforms(plain, 'tonie');
    expect(notTonie.ok).toBe(false);
    expect(notTonie.reasons.join('\n')).toMatch(/multiple of 4096[\s\S]*0x200/);
    expect(boxed.durationSeconds).toBe(plain.durationSeconds);
    expect(boxed.audioPackets).toBe(plain.audioPackets);
    expect(boxed.lastGranule).toBe(plain.lastGranule);

    // Optional cross-check against another encoder's pages, when opus-tools is installed.
    const wav = join(dir, 'tone.wav');
    await writeFile(
      wav,
      encodeWavMono16(
        Float32Array.from({ length: 48000 }, (_, i) => 0.3 * Math.sin(i / 10)),
        48000,
      ),
    );
    const encoded = join(dir, 'opusenc.opus');
    try {
      execFileSync('opusenc', ['--quiet', wav, encoded], { stdio: 'ignore' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return context.skip('opusenc is not installed (apt-get install opus-tools)');
      throw error;
    }
    const foreign = await inspectOggOpus(encoded);
    expect(oggOpusConforms(foreign, 'standard')).toEqual({ ok: true, reasons: [] });
    expect(foreign.durationSeconds).toBe(1);
  });

  it('reads the Ogg data of a TAF, which starts after a 4096-byte header', async () => {
    const taf = Buffer.concat([Buffer.alloc(0x1000, 0xab), tonie]);
    const report = await inspectBytes('x.taf', taf, 0x1000);
    expect(oggOpusConforms(report, 'tonie')).toEqual({ ok: true, reasons: [] });
    expect(report.oggBytes).toBe(tonie.length);
  });
});
