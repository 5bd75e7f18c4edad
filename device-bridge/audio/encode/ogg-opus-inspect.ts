/**
 * Validates an Ogg Opus file, streaming: every page's capture pattern and CRC, sequence
 * numbers, BOS/EOS, one serial, granule positions against the samples the packets
 * actually hold, OpusHead and OpusTags, every packet's Opus framing, and the Tonie block
 * layout (devices.md §2.4). `oggOpusConforms` turns the report into a verdict per layout,
 * so a file that already fits can be used as it is.
 */
import type { Conformance } from './conformance.js';
import { TONIE_BLOCK_BYTES, TONIE_HEADER_PAGES_BYTES, type OggLayout } from './ogg-page-writer.js';
import { OggPacketAssembler } from './ogg-packet-assembler.js';
import { readOggPages, type OggPage } from './ogg-page-reader.js';
import { parseOpusHead, parseOpusTags, type OpusHead, type OpusTags } from './opus-headers.js';
import { OpusPacketError, parseOpusPacket } from './opus-packet.js';

const FLAG_BOS = 0x02;
const FLAG_EOS = 0x04;

export interface OggPageSummary {
  offset: number;
  size: number;
  sequence: number;
  granule: number;
  flags: number;
  /** Packets that end on this page. */
  packetsEnded: number;
  crcOk: boolean;
}

export interface OggOpusReport {
  /** Bytes of Ogg data read (from `start` to the end of the file). */
  oggBytes: number;
  pageCount: number;
  pages: OggPageSummary[];
  crcErrors: number;
  /** Pages whose version byte is not 0. */
  badVersionPages: number;
  garbageBytes: number;
  /** Bytes of an incomplete last page. */
  truncatedBytes: number;
  serials: number[];
  sequenceGaps: number;
  /** BOS set exactly on the first page, EOS exactly on the last. */
  bosOk: boolean;
  eosOk: boolean;
  /** Packets that lost their start or end (continued-flag mismatch). */
  continuityErrors: number;
  head: OpusHead | null;
  tags: OpusTags | null;
  headerErrors: string[];
  /** OpusHead alone on page 0, OpusTags ending its page, audio starting on a fresh page (RFC 7845 §3). */
  headersOnOwnPages: boolean;
  /** Page 0 + page 1 bytes, when each header sits on its own page. */
  headerPagesBytes: number | null;
  audioPackets: number;
  invalidPackets: number;
  /** Distinct packet durations in 48 kHz samples. */
  packetSamples: number[];
  /** Samples the audio packets decode to, pre-skip included. */
  audioSamples: number;
  /** Pages whose granule went below the previous one. */
  granuleBackwards: number;
  /** Pages whose granule is not the sample count at their last packet (the last page may trim). */
  granuleMismatches: number;
  lastGranule: number;
  /** Samples the last granule drops from the end (padding of the final frame). */
  endTrimSamples: number;
  durationSeconds: number;
  blocks: {
    sizeMultipleOfBlock: boolean;
    /** 4096-byte blocks that do not start with a page. */
    blocksWithoutPage: number;
    pagesCrossingBlocks: number;
    /** End offset of the first audio page. */
    firstAudioPageEnd: number | null;
  };
}

export interface InspectOptions {
  /** Where the Ogg data starts in the file (0x1000 in a TAF). */
  start?: number;
}

export async function inspectOggOpus(path: string, options: InspectOptions = {}): Promise<OggOpusReport> {
  const state = new InspectState();
  for await (const event of readOggPages(path, options.start ?? 0)) {
    if (event.kind === 'page') state.page(event.page);
    else if (event.kind === 'garbage') state.report.garbageBytes += event.length;
    else state.report.truncatedBytes += event.length;
    state.end = event.kind === 'page' ? event.page.offset + event.page.size : event.offset + event.length;
  }
  return state.finish();
}

class InspectState {
  end = 0;
  readonly report: OggOpusReport = {
    oggBytes: 0,
    pageCount: 0,
    pages: [],
    crcErrors: 0,
    badVersionPages: 0,
    garbageBytes: 0,
    truncatedBytes: 0,
    serials: [],
    sequenceGaps: 0,
    bosOk: true,
    eosOk: true,
    continuityErrors: 0,
    head: null,
    tags: null,
    headerErrors: [],
    headersOnOwnPages: true,
    headerPagesBytes: null,
    audioPackets: 0,
    invalidPackets: 0,
    packetSamples: [],
    audioSamples: 0,
    granuleBackwards: 0,
    granuleMismatches: 0,
    lastGranule: 0,
    endTrimSamples: 0,
    durationSeconds: 0,
    blocks: {
      sizeMultipleOfBlock: false,
      blocksWithoutPage: 0,
      pagesCrossingBlocks: 0,
      firstAudioPageEnd: null,
    },
  };
  private packetIndex = 0;
  private readonly assembler = new OggPacketAssembler();
  private readonly durations = new Set<number>();
  private lastGranuleSeen = 0;
  /** Samples of the packets that ended on the latest page, for the end-trim limit. */
  private lastPageSamples = 0;

  page(page: OggPage): void {
    const r = this.report;
    const previous = r.pages[r.pages.length - 1];
    if (!page.crcOk) r.crcErrors += 1;
    if (page.version !== 0) r.badVersionPages += 1;
    if (!r.serials.includes(page.serial)) r.serials.push(page.serial);
    if (previous && page.sequence !== previous.sequence + 1) r.sequenceGaps += 1;
    if (r.pages.length === 0 && page.sequence !== 0) r.sequenceGaps += 1;
    if (((page.flags & FLAG_BOS) !== 0) !== (r.pages.length === 0)) r.bosOk = false;
    if (previous && previous.flags & FLAG_EOS) r.eosOk = false;
    const samplesBefore = r.audioSamples;
    const ended = this.packets(page);
    this.lastPageSamples = r.audioSamples - samplesBefore;
    this.checkGranule(page, ended);
    r.pages.push({
      offset: page.offset,
      size: page.size,
      sequence: page.sequence,
      granule: page.granule,
      flags: page.flags,
      packetsEnded: ended,
      crcOk: page.crcOk,
    });
  }

  finish(): OggOpusReport {
    const r = this.report;
    const last = r.pages[r.pages.length - 1];
    if (!last || !(last.flags & FLAG_EOS)) r.eosOk = false;
    this.assembler.end();
    r.continuityErrors = this.assembler.continuityErrors;
    r.pageCount = r.pages.length;
    r.oggBytes = this.end;
    r.packetSamples = [...this.durations].sort((a, b) => a - b);
    r.lastGranule = this.lastGranuleSeen;
    r.endTrimSamples = r.audioSamples - r.lastGranule;
    // The last page may trim the end, but by no more than the samples it carries.
    if (last && last.flags & FLAG_EOS && last.packetsEnded > 0) {
      if (r.endTrimSamples < 0 || r.endTrimSamples > this.lastPageSamples) r.granuleMismatches += 1;
    }
    const preSkip = r.head?.preSkip ?? 0;
    r.durationSeconds = Math.max(0, r.lastGranule - preSkip) / 48_000;
    this.checkBlocks();
    return r;
  }

  /** Handles the packets that end on this page; returns how many there are. */
  private packets(page: OggPage): number {
    const packets = this.assembler.push(page);
    for (const { data, endsPage } of packets) this.packet(data, page, endsPage);
    return packets.length;
  }

  private packet(packet: Uint8Array, page: OggPage, endsPage: boolean): void {
    const r = this.report;
    const index = this.packetIndex;
    this.packetIndex += 1;
    if (index === 0) {
      if (r.pages.length !== 0 || !endsPage) r.headersOnOwnPages = false;
      try {
        r.head = parseOpusHead(packet);
      } catch (error) {
        r.headerErrors.push((error as Error).message);
      }
      return;
    }
    if (index === 1) {
      if (!endsPage) r.headersOnOwnPages = false;
      if (r.pages.length === 1 && r.headersOnOwnPages)
        r.headerPagesBytes = (r.pages[0]?.size ?? 0) + page.size;
      try {
        r.tags = parseOpusTags(packet);
      } catch (error) {
        r.headerErrors.push((error as Error).message);
      }
      return;
    }
    if (r.audioPackets === 0) r.blocks.firstAudioPageEnd = page.offset + page.size;
    r.audioPackets += 1;
    try {
      const info = parseOpusPacket(packet);
      r.audioSamples += info.samples;
      this.durations.add(info.samples);
    } catch (error) {
      if (!(error instanceof OpusPacketError)) throw error;
      r.invalidPackets += 1;
    }
  }

  private checkGranule(page: OggPage, ended: number): void {
    const r = this.report;
    if (ended === 0) {
      if (page.granule !== -1) r.granuleMismatches += 1; // no packet ends here: the granule must be -1
      return;
    }
    if (page.granule < this.lastGranuleSeen) r.granuleBackwards += 1;
    this.lastGranuleSeen = page.granule;
    // Header pages hold 0; audio pages the samples so far. The last page is judged in finish().
    if (!(page.flags & FLAG_EOS) && page.granule !== r.audioSamples) r.granuleMismatches += 1;
  }

  private checkBlocks(): void {
    const r = this.report;
    const starts = new Set(r.pages.map((p) => p.offset));
    r.blocks.sizeMultipleOfBlock = r.oggBytes > 0 && r.oggBytes % TONIE_BLOCK_BYTES === 0;
    for (let block = 0; block < r.oggBytes; block += TONIE_BLOCK_BYTES) {
      if (!starts.has(block)) r.blocks.blocksWithoutPage += 1;
    }
    for (const p of r.pages) {
      if (
        Math.floor(p.offset / TONIE_BLOCK_BYTES) !== Math.floor((p.offset + p.size - 1) / TONIE_BLOCK_BYTES)
      ) {
        r.blocks.pagesCrossingBlocks += 1;
      }
    }
  }
}

export type { Conformance };

/** Whether the file is a sound Ogg Opus stream, and for 'tonie' whether it has the box's block layout too. */
export function oggOpusConforms(report: OggOpusReport, layout: OggLayout): Conformance {
  const reasons: string[] = [];
  const add = (bad: boolean, reason: string): void => {
    if (bad) reasons.push(reason);
  };
  add(report.pageCount === 0, 'no Ogg pages found');
  add(report.crcErrors > 0, `${report.crcErrors} page(s) with a wrong CRC`);
  add(report.badVersionPages > 0, `${report.badVersionPages} page(s) with an unknown Ogg version`);
  add(report.garbageBytes > 0, `${report.garbageBytes} bytes outside any page`);
  add(report.truncatedBytes > 0, `last page cut short (${report.truncatedBytes} bytes)`);
  add(report.serials.length > 1, `${report.serials.length} logical streams (serials), expected one`);
  add(report.sequenceGaps > 0, `${report.sequenceGaps} gap(s) in page sequence numbers`);
  add(!report.bosOk, 'beginning-of-stream flag not on exactly the first page');
  add(!report.eosOk, 'end-of-stream flag not on exactly the last page');
  add(report.continuityErrors > 0, `${report.continuityErrors} packet(s) broken across pages`);
  add(report.headerErrors.length > 0, report.headerErrors.join('; '));
  add(report.head === null && report.headerErrors.length === 0, 'no OpusHead');
  add(report.tags === null && report.headerErrors.length === 0, 'no OpusTags');
  const head = report.head;
  if (head) {
    add(head.version >> 4 !== 0, `OpusHead version ${head.version} is not a 0.x version`);
    add(head.mappingFamily !== 0 || head.channels < 1 || head.channels > 2, 'not a mono or stereo stream');
    add(head.preSkip > report.lastGranule, 'pre-skip longer than the stream');
  }
  add(!report.headersOnOwnPages, 'OpusHead/OpusTags not each on their own pages');
  add(report.audioPackets === 0, 'no audio packets');
  add(report.invalidPackets > 0, `${report.invalidPackets} malformed Opus packet(s)`);
  add(report.granuleBackwards > 0, `granule position goes backwards on ${report.granuleBackwards} page(s)`);
  add(
    report.granuleMismatches > 0,
    `${report.granuleMismatches} page(s) whose granule disagrees with their packets`,
  );
  if (layout === 'tonie') {
    add(head !== null && head.channels !== 2, 'the Toniebox needs stereo');
    add(!report.blocks.sizeMultipleOfBlock, `size ${report.oggBytes} is not a multiple of 4096`);
    add(
      report.blocks.blocksWithoutPage > 0,
      `${report.blocks.blocksWithoutPage} 4096-byte block(s) not starting with OggS`,
    );
    add(
      report.blocks.pagesCrossingBlocks > 0,
      `${report.blocks.pagesCrossingBlocks} page(s) cross a 4096-byte block`,
    );
    add(
      report.headerPagesBytes !== TONIE_HEADER_PAGES_BYTES,
      `header pages are ${report.headerPagesBytes ?? '?'} bytes, not 0x200`,
    );
    add(report.blocks.firstAudioPageEnd !== TONIE_BLOCK_BYTES, 'first audio page does not end at 0x1000');
  }
  return { ok: reasons.length === 0, reasons };
}
