/**
 * Checks a Tonie audio file the way teddycloud, opus2tonie and the box would (research/devices.md
 * §2.2–2.6): the header parses and is 4096 bytes, the hash and length match the Ogg data,
 * the audio id is the Ogg serial, every page has a sound CRC and sits inside one 4096-byte
 * block, and the chapter marks name pages. Two streaming passes (hash, then pages): memory
 * stays flat. A file that is not a TAF at all throws `TafFormatError`; a TAF with faults is
 * described in `problems`, never refused, so a parent can be told what is wrong with it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

import { readChapterMarks, type ChapterConvention, type TafChapter } from './taf-chapter-marks.js';
import { TafFormatError } from './taf-errors.js';
import {
  decodeTafHeader,
  TAF_HEADER_BYTES,
  TAF_MAX_CHAPTERS,
  TAF_MESSAGE_BYTES,
  type TafHeader,
} from './taf-header.js';
import { walkTafPayload, type PayloadWalk } from './taf-payload-walk.js';

export type { ChapterConvention, TafChapter };

export interface TafReport {
  path: string;
  fileBytes: number;
  audioId: number;
  /** Declared in the header, hex. */
  sha1: string;
  /** Of the Ogg data as it is, hex. */
  actualSha1: string;
  sha1Matches: boolean;
  /** Declared in the header. */
  payloadLength: number;
  actualPayloadLength: number;
  lengthMatches: boolean;
  /** The big-endian length field before the protobuf message (0xFFC). */
  headerMessageBytes: number;
  chapterConvention: ChapterConvention;
  /** Why that convention was read. */
  chapterConventionBasis: string;
  chapters: TafChapter[];
  /** Last granule minus pre-skip. */
  durationSeconds: number;
  pageCount: number;
  channels: number | null;
  preSkip: number | null;
  /** OpusTags vendor string: who encoded it. */
  vendor: string | null;
  /** Everything that is wrong, as sentences; empty for a sound file. */
  problems: string[];
}

export async function inspectTaf(path: string): Promise<TafReport> {
  const { header, fileBytes } = await readHeader(path);
  const hash = await hashPayload(path);
  const walk = await walkTafPayload(path, header.audioId, header.chapters);
  const reading = readChapterMarks(header.chapters, walk);
  const sha1 = Buffer.from(header.sha1).toString('hex');
  const report: TafReport = {
    path,
    fileBytes,
    audioId: header.audioId,
    sha1,
    actualSha1: hash.sha1,
    sha1Matches: sha1 === hash.sha1,
    payloadLength: header.payloadLength,
    actualPayloadLength: hash.bytes,
    lengthMatches: header.payloadLength === hash.bytes,
    headerMessageBytes: header.messageLength,
    chapterConvention: reading.convention,
    chapterConventionBasis: reading.basis,
    chapters: reading.chapters,
    durationSeconds: Math.max(0, walk.lastGranule - (walk.head?.preSkip ?? 0)) / 48_000,
    pageCount: walk.pageCount,
    channels: walk.head?.channels ?? null,
    preSkip: walk.head?.preSkip ?? null,
    vendor: walk.tags?.vendor ?? null,
    problems: [],
  };
  report.problems = [
    ...headerProblems(header, report),
    ...payloadProblems(walk, header),
    ...chapterProblems(report, walk),
  ];
  return report;
}

async function readHeader(path: string): Promise<{ header: TafHeader; fileBytes: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(Math.min(size, TAF_HEADER_BYTES));
    await handle.read(bytes, 0, bytes.length, 0);
    const header = decodeTafHeader(bytes);
    if (size < TAF_HEADER_BYTES)
      throw new TafFormatError(
        `the file is ${size} bytes, shorter than the 4096-byte TAF header: it is cut short`,
      );
    return { header, fileBytes: size };
  } finally {
    await handle.close();
  }
}

async function hashPayload(path: string): Promise<{ sha1: string; bytes: number }> {
  const hash = createHash('sha1');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { start: TAF_HEADER_BYTES, highWaterMark: 256 * 1024 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha1: hash.digest('hex'), bytes };
}

function headerProblems(header: TafHeader, report: TafReport): string[] {
  const out: string[] = [];
  if (header.messageLength !== TAF_MESSAGE_BYTES)
    out.push(
      `the header message is ${header.messageLength} bytes, not ${TAF_MESSAGE_BYTES}: the header is not exactly 4096 bytes (teddycloud tolerates 4091)`,
    );
  if (header.nonZeroPadding) out.push('the header padding holds non-zero bytes');
  if (header.otherFields.length > 0)
    out.push(
      `the header holds fields the box does not know (${[...new Set(header.otherFields)].join(', ')})`,
    );
  if (!report.sha1Matches)
    out.push(`the SHA-1 in the header (${report.sha1}) does not match the audio data (${report.actualSha1})`);
  if (!report.lengthMatches)
    out.push(
      `the header says ${report.payloadLength} bytes of audio data, the file holds ${report.actualPayloadLength}`,
    );
  return out;
}

function payloadProblems(walk: PayloadWalk, header: TafHeader): string[] {
  const out: string[] = [];
  const add = (bad: boolean, text: string): void => {
    if (bad) out.push(text);
  };
  add(walk.pageCount === 0, 'no Ogg pages after the header');
  add(
    walk.pageCount > 0 && walk.firstPageOffset !== 0,
    'the Ogg data does not start right after the header (0x1000)',
  );
  add(walk.crcErrors > 0, `${walk.crcErrors} Ogg page(s) with a wrong CRC`);
  add(walk.garbageBytes > 0, `${walk.garbageBytes} bytes that belong to no Ogg page`);
  add(walk.truncatedBytes > 0, `the last Ogg page is cut short (${walk.truncatedBytes} bytes)`);
  add(walk.sequenceGaps > 0, `${walk.sequenceGaps} gap(s) in the Ogg page numbers`);
  add(walk.serials.length > 1, `${walk.serials.length} Ogg streams (serials) where the box expects one`);
  add(
    walk.pagesWithOtherSerial > 0,
    `${walk.pagesWithOtherSerial} page(s) whose Ogg serial is not the audio id ${header.audioId}`,
  );
  add(
    walk.pagesCrossingBlocks > 0,
    `${walk.pagesCrossingBlocks} Ogg page(s) cross a 4096-byte block boundary`,
  );
  add(
    walk.blocksWithoutPage > 0,
    `${walk.blocksWithoutPage} 4096-byte block(s) do not start with an Ogg page`,
  );
  add(walk.granuleBackwards > 0, `the granule position goes backwards on ${walk.granuleBackwards} page(s)`);
  add(walk.continuityErrors > 0, `${walk.continuityErrors} packet(s) broken across pages`);
  add(walk.headerError !== null, `bad Opus header: ${walk.headerError ?? ''}`);
  add(walk.pageCount > 0 && walk.head === null && walk.headerError === null, 'no OpusHead');
  add(
    walk.head !== null && walk.head.channels !== 2,
    `the audio has ${walk.head?.channels} channel(s); the box needs stereo`,
  );
  add(
    walk.headerPagesBytes !== null && walk.headerPagesBytes !== 0x200,
    `the OpusHead and OpusTags pages take ${walk.headerPagesBytes} bytes, not 0x200`,
  );
  add(walk.pageCount > 0 && !walk.eosOnLastPage, 'the last Ogg page lacks the end-of-stream flag');
  return out;
}

function chapterProblems(report: TafReport, walk: PayloadWalk): string[] {
  const out: string[] = [];
  const marks = report.chapters.map((c) => c.mark);
  if (marks.length === 0) out.push('the header lists no chapters (the box expects at least chapter 0)');
  if (marks.length > TAF_MAX_CHAPTERS)
    out.push(`${marks.length} chapters, more than the ${TAF_MAX_CHAPTERS} the box takes`);
  if (marks.length > 0 && marks[0] !== 0) out.push(`the first chapter mark is ${marks[0]}, not 0`);
  if (marks.some((m, i) => i > 0 && m < marks[i - 1]!)) out.push('chapter marks go backwards');
  const unit = report.chapterConvention === 'block' ? 'block' : 'page';
  for (const [i, chapter] of report.chapters.entries()) {
    if (chapter.offset === null && !(chapter.mark === 0 && walk.pageCount === 0))
      out.push(`chapter ${i + 1} (${unit} ${chapter.mark}) names no Ogg page start`);
  }
  // teddycloud reads each chapter's first page header and refuses continued, first or last pages.
  const flagged = report.chapters.filter((c) => c.pageFlags !== null && c.pageFlags !== 0);
  if (flagged.length > 0)
    out.push(
      `${flagged.length} chapter(s) start on a page flagged continued/first/last, which teddycloud refuses for track positions`,
    );
  return out;
}
