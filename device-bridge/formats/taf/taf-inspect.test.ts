import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OggPacketAssembler } from '../../audio/encode/ogg-packet-assembler.js';
import { readOggPages } from '../../audio/encode/ogg-page-reader.js';
import { OggPageWriter } from '../../audio/encode/ogg-page-writer.js';
import { buildOpusTags } from '../../audio/encode/opus-headers.js';
import { parseOpusPacket } from '../../audio/encode/opus-packet.js';
import { TafFormatError } from './taf-errors.js';
import { encodeTaf, type TafEncodeResult } from './taf-encode.js';
import { encodeTafHeader } from './taf-header.js';
import { inspectTaf } from './taf-inspect.js';
import { makeTempDir, makeWavTone, rawPages, seededBytes } from './taf-test-audio.js';

const AUDIO_ID = 0x2468ace0;
let dir: string;
let good: TafEncodeResult;
let file: Uint8Array;
let payload: Uint8Array;

beforeAll(async () => {
  dir = await makeTempDir();
  const a = await makeWavTone(dir, 'a.wav', 0.9, 440);
  const b = await makeWavTone(dir, 'b.wav', 0.7, 550);
  good = await encodeTaf([a, b], join(dir, 'good.taf'), { audioId: AUDIO_ID });
  file = new Uint8Array(await readFile(good.path));
  payload = file.subarray(4096);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha1 = (bytes: Uint8Array): Uint8Array => createHash('sha1').update(bytes).digest();

/** Writes a TAF made of `payload` under a header whose hash and length are right unless overridden. */
async function taf(
  name: string,
  body: Uint8Array,
  fields: Partial<{ sha1: Uint8Array; payloadLength: number; audioId: number; chapters: number[] }> = {},
): Promise<string> {
  const header = encodeTafHeader({
    sha1: sha1(body),
    payloadLength: body.length,
    audioId: AUDIO_ID,
    chapters: good.chapters,
    ...fields,
  });
  const path = join(dir, name);
  await writeFile(path, Buffer.concat([header, body]));
  return path;
}

describe('inspectTaf on damaged files: reported, not thrown', () => {
  it('reports a wrong hash with both values', async () => {
    const report = await inspectTaf(await taf('wrong-hash.taf', payload, { sha1: new Uint8Array(20) }));
    expect(report.sha1Matches).toBe(false);
    expect(report.actualSha1).toBe(good.sha1);
    expect(report.problems.join('\n')).toMatch(new RegExp(`SHA-1.*0{40}.*${good.sha1}`));
    expect(report.problems).toHaveLength(1);
  });

  it('reports a header that claims a huge payload length', async () => {
    const report = await inspectTaf(await taf('huge-length.taf', payload, { payloadLength: 2 ** 40 }));
    expect(report.lengthMatches).toBe(false);
    expect(report.problems).toEqual([
      `the header says ${2 ** 40} bytes of audio data, the file holds ${payload.length}`,
    ]);
  });

  it('reports pages that cross a 4096-byte block when bytes are inserted', async () => {
    const shifted = Buffer.concat([
      payload.subarray(0, 0x200),
      Buffer.from('abcdefgh'),
      payload.subarray(0x200),
    ]);
    const report = await inspectTaf(await taf('shifted.taf', shifted));
    expect(report.sha1Matches).toBe(true);
    const text = report.problems.join('\n');
    expect(text).toMatch(/8 bytes that belong to no Ogg page/);
    expect(text).toMatch(/page\(s\) cross a 4096-byte block/);
    expect(text).toMatch(/block\(s\) do not start with an Ogg page/);
  });

  it('reports a page with a bad CRC', async () => {
    const damaged = payload.slice();
    damaged[0x1800] = damaged[0x1800]! ^ 0xff; // inside the second block's page body
    const report = await inspectTaf(await taf('bad-crc.taf', damaged));
    expect(report.problems).toEqual(['1 Ogg page(s) with a wrong CRC']);
  });

  it('reports an audio id that is not the Ogg serial', async () => {
    const report = await inspectTaf(await taf('other-id.taf', payload, { audioId: 42 }));
    expect(report.problems.join('\n')).toMatch(
      new RegExp(`${rawPages(file, 4096).length} page\\(s\\) whose Ogg serial is not the audio id 42`),
    );
  });

  it('reports a file cut short: length, hash and the last page', async () => {
    const path = join(dir, 'cut.taf');
    await writeFile(path, file.subarray(0, 4096 + 10_000));
    const report = await inspectTaf(path);
    expect(report.lengthMatches).toBe(false);
    expect(report.sha1Matches).toBe(false);
    const text = report.problems.join('\n');
    expect(text).toMatch(/last Ogg page is cut short \(1808 bytes\)/);
    expect(text).toMatch(/lacks the end-of-stream flag/);
  });

  it('reports a header 4091 bytes long (teddycloud tolerates it) as not exactly 4096', async () => {
    const bytes = file.slice();
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 4091);
    // Shorten the fill by one: its length varint is the two bytes after the 0x2A key.
    const fillKey = bytes.lastIndexOf(0x2a, 200);
    const fill = (bytes[fillKey + 1]! & 0x7f) | (bytes[fillKey + 2]! << 7);
    bytes[fillKey + 1] = ((fill - 1) & 0x7f) | 0x80;
    bytes[fillKey + 2] = (fill - 1) >> 7;
    const path = join(dir, 'short-header.taf');
    await writeFile(path, bytes);
    const report = await inspectTaf(path);
    expect(report.headerMessageBytes).toBe(4091);
    expect(report.problems).toEqual([
      expect.stringMatching(/4091 bytes, not 4092: the header is not exactly 4096 bytes/),
    ]);
  });

  it('reports chapter marks that name no page and a first mark that is not 0', async () => {
    const report = await inspectTaf(await taf('bad-marks.taf', payload, { chapters: [0, 9999] }));
    expect(report.problems.join('\n')).toMatch(/chapter 2 \(block 9999\) names no Ogg page start/);
    const header = encodeTafHeader({
      sha1: sha1(payload),
      payloadLength: payload.length,
      audioId: AUDIO_ID,
      chapters: [0],
    });
    header[header.indexOf(0x22) + 2] = 3; // the one packed chapter value, 0 → 3
    await writeFile(join(dir, 'first-mark.taf'), Buffer.concat([header, payload]));
    expect((await inspectTaf(join(dir, 'first-mark.taf'))).problems.join('\n')).toMatch(
      /first chapter mark is 3, not 0/,
    );
  });

  it('reports a header with the right shape but no Ogg data behind it', async () => {
    const report = await inspectTaf(await taf('no-ogg.taf', seededBytes(9000, 7), { chapters: [0] }));
    expect(report.problems.join('\n')).toMatch(/no Ogg pages after the header/);
  });
});

describe('inspectTaf on files that are not TAF at all', () => {
  it('throws TafFormatError for random bytes, a cut header, a plain Ogg file and a huge header length', async () => {
    const cases: [string, Uint8Array][] = [
      ['random.bin', seededBytes(20_000, 12345)],
      ['cut-header.taf', file.subarray(0, 3000)],
      ['plain.opus', payload],
      ['empty.taf', new Uint8Array(0)],
      ['huge-header.taf', Uint8Array.from([0xff, 0xff, 0xff, 0xff, ...file.subarray(4)])],
    ];
    for (const [name, bytes] of cases) {
      const path = join(dir, name);
      await writeFile(path, bytes);
      const error = await inspectTaf(path).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(TafFormatError);
    }
  });
});

describe('chapter mark conventions', () => {
  /** The good file's audio packets, re-laid in the Tonie layout with other tags and chapters at given packets. */
  async function relaid(
    name: string,
    comments: string[],
    chapterPackets: number[],
  ): Promise<{ path: string; pages: number[] }> {
    const writer = new OggPageWriter({ serial: AUDIO_ID, layout: 'tonie' });
    const out: Uint8Array[] = [];
    const assembler = new OggPacketAssembler();
    const chapterPages: number[] = [];
    let index = 0;
    let granule = 0;
    let head: Uint8Array | null = null;
    for await (const event of readOggPages(good.path, 4096)) {
      if (event.kind !== 'page') continue;
      for (const { data } of assembler.push(event.page)) {
        index += 1;
        if (index === 1) head = data;
        else if (index === 2)
          out.push(
            ...writer.writeHeaders(
              head!,
              buildOpusTags({ vendor: 'Lavf58.20.100', comments }, OggPageWriter.tonieTagsLength(19)),
            ),
          );
        else {
          granule += parseOpusPacket(data).samples;
          const starts = chapterPackets.includes(index - 3);
          const added = writer.addPacket(data, granule, starts);
          if (starts) chapterPages.push(added.pageSequence);
          out.push(...added.pages);
        }
      }
    }
    out.push(...writer.finish(granule));
    const body = Buffer.concat(out);
    const path = await taf(name, body, { chapters: chapterPages.map((p, i) => (i === 0 ? 0 : p)) });
    return { path, pages: chapterPages };
  }

  it('reads opus2tonie page numbers when only they name pages', async () => {
    const pageCount = rawPages(file, 4096).length;
    const report = await inspectTaf(await taf('page-marks.taf', payload, { chapters: [0, pageCount - 1] }));
    expect(report.chapterConvention).toBe('page');
    expect(report.chapterConventionBasis).toMatch(/only as page numbers/);
    expect(report.chapters[1]).toMatchObject({ pageSequence: pageCount - 1 });
    expect(report.chapters[1]!.startSeconds).toBeGreaterThan(0);
  });

  it('reads page numbers when both readings fit and the tags say opusenc (opus2tonie), block indexes otherwise', async () => {
    const opus2tonie = await relaid('opusenc.taf', ['encoder=opusenc from opus-tools 0.1.10'], [0, 40]);
    const report = await inspectTaf(opus2tonie.path);
    expect(report.chapterConvention).toBe('page');
    expect(report.chapterConventionBasis).toMatch(/tags say opusenc/);
    expect(report.chapters[1]!.pageSequence).toBe(opus2tonie.pages[1]);
    expect(report.chapters[1]!.startSeconds).toBeCloseTo(40 * 0.02 - 312 / 48_000, 6);

    const ours = await inspectTaf(good.path);
    expect(ours.chapterConvention).toBe('block');
    expect(ours.chapterConventionBasis).toMatch(/both readings name pages/);
  });
});
