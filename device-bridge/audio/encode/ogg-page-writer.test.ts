import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OggLayoutError } from './encode-errors.js';
import { readOggPages, type OggPage } from './ogg-page-reader.js';
import {
  OggPageWriter,
  TONIE_BLOCK_BYTES,
  TONIE_HEADER_PAGES_BYTES,
  type OggLayout,
} from './ogg-page-writer.js';
import { buildOpusHead, buildOpusTags } from './opus-headers.js';
import { parseOpusPacket } from './opus-packet.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ogg-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Code-0 packets of CELT fullband 20 ms stereo (TOC 0xFC) with the given frame lengths. */
function packets(lengths: number[], seed = 1): Uint8Array[] {
  const next = random(seed);
  return lengths.map((n) =>
    Uint8Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 0xfc : (next() * 256) | 0)),
  );
}

interface Written {
  bytes: Uint8Array;
  pages: OggPage[];
  /** Packets read back from the pages, with the sequence number of their page. */
  read: { data: Uint8Array; page: number }[];
  placed: { pageSequence: number; pageOffset: number }[];
}

async function writeStream(
  layout: OggLayout,
  input: Uint8Array[],
  options: { startPageAt?: number[]; trim?: number } = {},
): Promise<Written> {
  const writer = new OggPageWriter({ serial: 0xdeadbeef, layout });
  const head = buildOpusHead({ channels: 2, preSkip: 312, inputSampleRate: 48000, outputGain: 0 });
  const tagsLength = layout === 'tonie' ? OggPageWriter.tonieTagsLength(head.length) : undefined;
  const out: Uint8Array[] = [
    ...writer.writeHeaders(head, buildOpusTags({ vendor: 'test', comments: [] }, tagsLength)),
  ];
  const placed: Written['placed'] = [];
  input.forEach((p, i) => {
    const added = writer.addPacket(p, (i + 1) * 960, options.startPageAt?.includes(i) ?? false);
    placed.push({ pageSequence: added.pageSequence, pageOffset: added.pageOffset });
    out.push(...added.pages);
  });
  out.push(...writer.finish(input.length * 960 - (options.trim ?? 0)));
  const bytes = Buffer.concat(out);
  const path = join(dir, `${layout}-${Math.random().toString(36).slice(2)}.ogg`);
  await writeFile(path, bytes);
  const pages: OggPage[] = [];
  for await (const event of readOggPages(path)) {
    expect(event.kind).toBe('page');
    if (event.kind === 'page') pages.push(event.page);
  }
  const read: Written['read'] = [];
  for (const page of pages.slice(2)) {
    let at = 0;
    let start = 0;
    for (const lace of page.lacing) {
      at += lace;
      if (lace < 255) {
        read.push({ data: page.body.subarray(start, at), page: page.sequence });
        start = at;
      }
    }
  }
  return { bytes, pages, read, placed };
}

/** The frames a packet carries, as plain arrays, so padded and unpadded packets compare equal. */
const framesOf = (packet: Uint8Array): number[][] => parseOpusPacket(packet).frames.map((f) => [...f]);

function checkCommonStructure(written: Written, count: number): void {
  const { pages, read } = written;
  pages.forEach((page, i) => {
    expect(page.crcOk).toBe(true);
    expect(page.sequence).toBe(i);
    expect(page.serial).toBe(0xdeadbeef);
    expect(page.flags & 0x02).toBe(i === 0 ? 0x02 : 0); // BOS
    expect(page.flags & 0x04).toBe(i === pages.length - 1 ? 0x04 : 0); // EOS
    expect(page.flags & 0x01).toBe(0); // no packet continues across pages
    expect(page.lacing.length).toBeLessThanOrEqual(255);
  });
  expect(read).toHaveLength(count);
}

describe('OggPageWriter, standard layout', () => {
  it('packs packets into pages of at most 4 KiB and gives each page the granule of its last packet', async () => {
    const next = random(7);
    const lengths = Array.from({ length: 400 }, () => 1 + Math.floor(next() * 1000));
    const input = packets(lengths);
    const written = await writeStream('standard', input, { trim: 500 });
    checkCommonStructure(written, input.length);
    written.read.forEach((p, i) => expect([...p.data]).toEqual([...input[i]!])); // byte for byte: no padding
    for (const page of written.pages.slice(2)) {
      const inPage = written.read.filter((p) => p.page === page.sequence);
      if (inPage.length > 1) expect(page.body.length).toBeLessThanOrEqual(4096);
      const lastIndex = written.read.indexOf(inPage[inPage.length - 1]!);
      const isLast = page === written.pages[written.pages.length - 1];
      expect(page.granule).toBe((lastIndex + 1) * 960 - (isLast ? 500 : 0));
    }
  });

  it('starts a new page where asked and says which page the packet landed on', async () => {
    const input = packets(Array.from({ length: 60 }, () => 100));
    const written = await writeStream('standard', input, { startPageAt: [0, 5, 6, 40] });
    for (const index of [5, 6, 40]) {
      const page = written.read[index]!.page;
      expect(written.read[index - 1]!.page).toBeLessThan(page); // it opens its page
      expect(written.placed[index]!.pageSequence).toBe(page);
      const offset = written.pages.find((p) => p.sequence === page)!.offset;
      expect(written.placed[index]!.pageOffset).toBe(offset);
    }
  });

  it('keeps to 255 lacing values with many tiny packets', async () => {
    const input = packets(Array.from({ length: 1000 }, () => 2));
    const written = await writeStream('standard', input);
    checkCommonStructure(written, 1000);
  });
});

describe('OggPageWriter, Tonie layout', () => {
  const shapes: Record<string, (next: () => number) => number> = {
    typical: (next) => 180 + Math.floor(next() * 140),
    tiny: (next) => Math.floor(next() * 4),
    large: (next) => 600 + Math.floor(next() * 675),
    mixed: (next) => (next() < 0.5 ? Math.floor(next() * 20) : Math.floor(next() * 1275)),
    // Frame lengths one short of and at multiples of 255, where a packet's lacing needs an extra value.
    edges: (next) => [253, 254, 255, 508, 509, 510][Math.floor(next() * 6)]!,
  };

  for (const [name, shape] of Object.entries(shapes)) {
    it(`fills every page exactly, keeping every frame intact (${name} packets)`, async () => {
      for (let seed = 1; seed <= 6; seed += 1) {
        const next = random(seed * 101);
        const input = packets(
          Array.from({ length: 150 }, () => shape(next)),
          seed,
        );
        const written = await writeStream('tonie', input, { startPageAt: [37, 80], trim: 100 });
        checkCommonStructure(written, input.length);
        const { pages, bytes } = written;
        expect(pages[0]!.size + pages[1]!.size).toBe(TONIE_HEADER_PAGES_BYTES);
        expect(pages[2]!.offset + pages[2]!.size).toBe(TONIE_BLOCK_BYTES);
        for (const page of pages.slice(3)) {
          expect(page.size).toBe(TONIE_BLOCK_BYTES);
          expect(page.offset % TONIE_BLOCK_BYTES).toBe(0);
        }
        expect(bytes.length % TONIE_BLOCK_BYTES).toBe(0);
        written.read.forEach((p, i) => expect(framesOf(p.data)).toEqual(framesOf(input[i]!)));
        for (const index of [37, 80]) {
          expect(written.read[index - 1]!.page).toBeLessThan(written.read[index]!.page);
          expect(written.placed[index]!.pageOffset % TONIE_BLOCK_BYTES).toBe(0);
        }
      }
    });
  }

  it('fills pages of equal-sized packets, growing two packets when no single one can take the gap', () => {
    // With equal packets every one of them may need the same impossible page cost (a
    // multiple of 256); the writer must then pad two packets. Sweep sizes until it does.
    const head = buildOpusHead({ channels: 2, preSkip: 312, inputSampleRate: 48000, outputGain: 0 });
    const tags = buildOpusTags({ vendor: 'x', comments: [] }, OggPageWriter.tonieTagsLength(head.length));
    let pagesWithTwoPadded = 0;
    for (let length = 100; length <= 700; length += 1) {
      const writer = new OggPageWriter({ serial: 1, layout: 'tonie' });
      const pages = writer.writeHeaders(head, tags);
      const [packet] = packets([length - 1], length);
      for (let i = 0; i < 40; i += 1) pages.push(...writer.addPacket(packet!, (i + 1) * 960).pages);
      pages.push(...writer.finish(40 * 960));
      for (const page of pages.slice(2)) {
        expect(page.length).toBe(
          page === pages[2] ? TONIE_BLOCK_BYTES - TONIE_HEADER_PAGES_BYTES : TONIE_BLOCK_BYTES,
        );
        const segments = page[26]!;
        let start = 27 + segments;
        let padded = 0;
        for (let i = 0, end = start; i < segments; i += 1) {
          end += page[27 + i]!;
          if (page[27 + i]! < 255) {
            if ((page[start]! & 3) === 3) padded += 1;
            start = end;
          }
        }
        if (padded > 1) pagesWithTwoPadded += 1;
      }
    }
    expect(pagesWithTwoPadded).toBeGreaterThan(0);
  });

  it('sizes OpusTags so the two header pages make 0x200 bytes', () => {
    // 47-byte OpusHead page, then 27 + 2 lacing values + 436 bytes (devices.md §2.3).
    expect(OggPageWriter.tonieTagsLength(19)).toBe(436);
  });

  it('refuses header pages of the wrong size', () => {
    const writer = new OggPageWriter({ serial: 1, layout: 'tonie' });
    const head = buildOpusHead({ channels: 2, preSkip: 312, inputSampleRate: 48000, outputGain: 0 });
    expect(() => writer.writeHeaders(head, buildOpusTags({ vendor: 'x', comments: [] }))).toThrow(/0x200/);
  });
});

describe('OggPageWriter misuse', () => {
  const head = buildOpusHead({ channels: 2, preSkip: 312, inputSampleRate: 48000, outputGain: 0 });
  const tags = buildOpusTags({ vendor: 'x', comments: [] });
  const [packet] = packets([100]);

  it('wants the headers before audio', () => {
    const writer = new OggPageWriter({ serial: 1, layout: 'standard' });
    expect(() => writer.addPacket(packet!, 960)).toThrow(OggLayoutError);
  });

  it('refuses granules going backwards and an end trim beyond the last page', () => {
    const writer = new OggPageWriter({ serial: 1, layout: 'standard' });
    writer.writeHeaders(head, tags);
    writer.addPacket(packet!, 1920);
    expect(() => writer.addPacket(packet!, 960)).toThrow(/backwards/);
    expect(() => writer.finish(5000)).toThrow(/final granule/);
    expect(() => writer.finish(100)).toThrow(/final granule/); // the page starts at 960
  });

  it('refuses an end of stream with no audio and a bad serial', () => {
    const writer = new OggPageWriter({ serial: 1, layout: 'standard' });
    writer.writeHeaders(head, tags);
    expect(() => writer.finish(0)).toThrow(/no audio packets/);
    expect(() => new OggPageWriter({ serial: -1, layout: 'standard' })).toThrow(/32-bit/);
  });
});
