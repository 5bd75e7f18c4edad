/**
 * Splits the Ogg data of a TAF at its chapter pages into standalone Ogg Opus files: the
 * same Opus packets (no second lossy generation), granules counted from each file's start,
 * and new OpusHead/OpusTags pages. Chapter 1 keeps the pre-skip; later chapters start
 * mid-stream, where the encoder's delay is already spent, so they get a pre-skip of 0 and
 * the chapter files together play exactly as long as the TAF.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { OggPacketAssembler } from '../../audio/encode/ogg-packet-assembler.js';
import { readOggPages } from '../../audio/encode/ogg-page-reader.js';
import { OggPageWriter } from '../../audio/encode/ogg-page-writer.js';
import {
  buildOpusHead,
  buildOpusTags,
  parseOpusHead,
  parseOpusTags,
  type OpusHead,
  type OpusTags,
} from '../../audio/encode/opus-headers.js';
import { OpusPacketError, parseOpusPacket } from '../../audio/encode/opus-packet.js';
import { TempOutputFile } from '../../audio/encode/temp-output-file.js';
import { TafInputError } from './taf-errors.js';
import { TAF_HEADER_BYTES } from './taf-header.js';
import type { TafReport } from './taf-inspect.js';

interface OpenChapter {
  file: TempOutputFile;
  writer: OggPageWriter;
  /** Granule (from the TAF's start) where the chapter's audio starts. */
  base: number;
}

/** Writes `chapter-01.opus`, `chapter-02.opus`, … into `outDir`; returns their paths. */
export async function splitTafChapters(
  path: string,
  outDir: string,
  report: TafReport,
  signal?: AbortSignal,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  // Marks that name no page were reported by the inspector; two marks on one page make one file.
  const starts = [...new Set(report.chapters.flatMap((c) => (c.offset === null ? [] : [c.offset])))].sort(
    (a, b) => a - b,
  );
  const digits = Math.max(2, String(starts.length).length);
  const files: string[] = [];
  const assembler = new OggPacketAssembler();
  let head: OpusHead | null = null;
  let tags: OpusTags = { vendor: '', comments: [] };
  let packets = 0;
  let granule = 0;
  let lastPacketSamples = 0;
  let fileLastGranule = 0;
  let current: OpenChapter | null = null;

  const close = async (finalGranule: number): Promise<void> => {
    if (!current) return;
    const chapter = current;
    current = null;
    for (const page of chapter.writer.finish(finalGranule - chapter.base)) await chapter.file.write(page);
    await chapter.file.commit();
  };
  const openNext = async (): Promise<OpenChapter> => {
    if (!head) throw new TafInputError(`${path} has no OpusHead before its audio`);
    const name = join(outDir, `chapter-${String(files.length + 1).padStart(digits, '0')}.opus`);
    const file = await TempOutputFile.create(name);
    files.push(name);
    const writer = new OggPageWriter({ serial: report.audioId, layout: 'standard' });
    const preSkip = files.length === 1 ? head.preSkip : 0;
    for (const page of writer.writeHeaders(buildOpusHead({ ...head, preSkip }), buildOpusTags(tags)))
      await file.write(page);
    return { file, writer, base: granule };
  };

  try {
    let nextStart = 0;
    for await (const event of readOggPages(path, TAF_HEADER_BYTES)) {
      signal?.throwIfAborted();
      if (event.kind !== 'page') continue;
      const page = event.page;
      if (page.granule !== -1) fileLastGranule = page.granule;
      const startsChapter = nextStart < starts.length && page.offset >= starts[nextStart]!;
      if (startsChapter) {
        while (nextStart < starts.length && page.offset >= starts[nextStart]!) nextStart += 1;
        await close(granule);
      }
      for (const { data } of assembler.push(page)) {
        packets += 1;
        if (packets === 1) head = parseOpusHead(data);
        else if (packets === 2) tags = withoutPadding(parseOpusTags(data));
        else {
          const samples = audioSamples(data);
          if (samples === 0) continue;
          current ??= await openNext();
          granule += samples;
          lastPacketSamples = samples;
          const added = current.writer.addPacket(data, granule - current.base);
          for (const p of added.pages) await current.file.write(p);
        }
      }
    }
    // The TAF's last granule trims the final packet's padding; keep that trim.
    await close(Math.min(granule, Math.max(fileLastGranule, granule - lastPacketSamples)));
    return files;
  } catch (error) {
    const open = current as OpenChapter | null;
    await open?.file.discard();
    await Promise.all(files.map((f) => rm(f, { force: true })));
    throw error;
  }
}

/** Samples a packet decodes to; 0 for a damaged packet, which is left out as decoders skip it. */
function audioSamples(packet: Uint8Array): number {
  try {
    return parseOpusPacket(packet).samples;
  } catch (error) {
    if (error instanceof OpusPacketError) return 0;
    throw error;
  }
}

/** The Tonie layout's `pad=000…` comment only filled the header pages; a chapter file has no use for it. */
function withoutPadding(tags: OpusTags): OpusTags {
  return { vendor: tags.vendor, comments: tags.comments.filter((c) => !c.startsWith('pad=')) };
}
