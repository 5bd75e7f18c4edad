/**
 * One streaming pass over the Ogg data of a TAF (from 0x1000 to the end): page by page, it
 * gathers what the inspector judges, keeping only counters and the pages that chapter
 * marks could point at, so memory stays flat for a file of any length.
 */
import { OggPacketAssembler } from '../../audio/encode/ogg-packet-assembler.js';
import { readOggPages, type OggPage } from '../../audio/encode/ogg-page-reader.js';
import {
  parseOpusHead,
  parseOpusTags,
  type OpusHead,
  type OpusTags,
} from '../../audio/encode/opus-headers.js';
import { TAF_HEADER_BYTES } from './taf-header.js';

/** The Toniebox reads in 4096-byte blocks; each must start with a page. */
export const TAF_BLOCK_BYTES = 0x1000;
const FLAG_EOS = 0x04;

/** A page a chapter mark may name, with the granule before it (where its audio starts). */
export interface MarkedPage {
  /** Offset from the start of the Ogg data. */
  offset: number;
  sequence: number;
  flags: number;
  /** Granule of the last earlier page that ended a packet (0 for the header pages). */
  granuleBefore: number;
}

export interface PayloadWalk {
  pageCount: number;
  firstPageOffset: number | null;
  crcErrors: number;
  garbageBytes: number;
  truncatedBytes: number;
  sequenceGaps: number;
  serials: number[];
  /** Pages whose serial is not the header's audio id. */
  pagesWithOtherSerial: number;
  pagesCrossingBlocks: number;
  blocksWithoutPage: number;
  granuleBackwards: number;
  continuityErrors: number;
  head: OpusHead | null;
  tags: OpusTags | null;
  headerError: string | null;
  /** Offset of the third page: the bytes the OpusHead and OpusTags pages take (0x200 expected). */
  headerPagesBytes: number | null;
  /** The third page, where the audio starts (teddycloud reads chapter 0 there, at 0x200). */
  firstAudioPage: MarkedPage | null;
  lastGranule: number;
  eosOnLastPage: boolean;
  /** Pages that start at `mark × 4096`, by mark. */
  byBlock: Map<number, MarkedPage>;
  /** Pages whose sequence number is a mark, by mark. */
  bySequence: Map<number, MarkedPage>;
}

/** Walks the Ogg data, remembering the pages the chapter `marks` could name under either convention. */
export async function walkTafPayload(
  path: string,
  audioId: number,
  marks: readonly number[],
): Promise<PayloadWalk> {
  const walk = new Walker(audioId, new Set(marks));
  for await (const event of readOggPages(path, TAF_HEADER_BYTES)) {
    if (event.kind === 'page') walk.page(event.page);
    else {
      walk.gap(event.offset, event.length);
      if (event.kind === 'garbage') walk.result.garbageBytes += event.length;
      else walk.result.truncatedBytes += event.length;
    }
  }
  return walk.finish();
}

class Walker {
  readonly result: PayloadWalk = {
    pageCount: 0,
    firstPageOffset: null,
    crcErrors: 0,
    garbageBytes: 0,
    truncatedBytes: 0,
    sequenceGaps: 0,
    serials: [],
    pagesWithOtherSerial: 0,
    pagesCrossingBlocks: 0,
    blocksWithoutPage: 0,
    granuleBackwards: 0,
    continuityErrors: 0,
    head: null,
    tags: null,
    headerError: null,
    headerPagesBytes: null,
    firstAudioPage: null,
    lastGranule: 0,
    eosOnLastPage: false,
    byBlock: new Map(),
    bySequence: new Map(),
  };
  private readonly assembler = new OggPacketAssembler();
  private packets = 0;
  private previousSequence: number | null = null;
  /** The next block start not yet judged. */
  private nextBlock = 0;
  private granule = 0;

  constructor(
    private readonly audioId: number,
    private readonly marks: Set<number>,
  ) {}

  page(page: OggPage): void {
    const r = this.result;
    if (r.firstPageOffset === null) r.firstPageOffset = page.offset;
    if (r.pageCount === 2) r.headerPagesBytes = page.offset;
    r.pageCount += 1;
    if (!page.crcOk) r.crcErrors += 1;
    if (this.previousSequence !== null && page.sequence !== this.previousSequence + 1) r.sequenceGaps += 1;
    this.previousSequence = page.sequence;
    if (!r.serials.includes(page.serial) && r.serials.length < 16) r.serials.push(page.serial);
    if (page.serial !== this.audioId) r.pagesWithOtherSerial += 1;
    const firstBlock = Math.floor(page.offset / TAF_BLOCK_BYTES);
    if (firstBlock !== Math.floor((page.offset + page.size - 1) / TAF_BLOCK_BYTES))
      r.pagesCrossingBlocks += 1;
    this.judgeBlocks(page.offset, page.size, true);
    this.remember(page);
    this.readPackets(page);
    if (page.granule !== -1) {
      if (page.granule < this.granule) r.granuleBackwards += 1;
      this.granule = page.granule;
    }
    r.eosOnLastPage = (page.flags & FLAG_EOS) !== 0;
  }

  /** Bytes that are not a page (garbage, or a cut-short last page). */
  gap(offset: number, length: number): void {
    this.judgeBlocks(offset, length, false);
  }

  finish(): PayloadWalk {
    this.assembler.end();
    this.result.continuityErrors = this.assembler.continuityErrors;
    this.result.lastGranule = this.granule;
    return this.result;
  }

  /** Every block start inside [offset, offset + length) is a page start only if a page begins exactly there. */
  private judgeBlocks(offset: number, length: number, isPage: boolean): void {
    while (this.nextBlock < offset + length) {
      if (!(isPage && this.nextBlock === offset)) this.result.blocksWithoutPage += 1;
      this.nextBlock += TAF_BLOCK_BYTES;
    }
  }

  private remember(page: OggPage): void {
    const marked: MarkedPage = {
      offset: page.offset,
      sequence: page.sequence,
      flags: page.flags,
      granuleBefore: this.granule,
    };
    if (this.result.pageCount === 3) this.result.firstAudioPage = marked;
    if (page.offset % TAF_BLOCK_BYTES === 0 && this.marks.has(page.offset / TAF_BLOCK_BYTES))
      this.result.byBlock.set(page.offset / TAF_BLOCK_BYTES, marked);
    if (this.marks.has(page.sequence) && !this.result.bySequence.has(page.sequence))
      this.result.bySequence.set(page.sequence, marked);
  }

  private readPackets(page: OggPage): void {
    const r = this.result;
    for (const { data } of this.assembler.push(page)) {
      this.packets += 1;
      try {
        if (this.packets === 1) r.head = parseOpusHead(data);
        else if (this.packets === 2) r.tags = parseOpusTags(data);
      } catch (error) {
        r.headerError ??= (error as Error).message;
      }
    }
  }
}
