/**
 * Cuts a stream of Opus packets into Ogg pages (RFC 3533, RFC 7845), in one of two layouts:
 *
 * - 'standard': pages of up to about 4 KiB and at most 255 lacing values, as libogg makes them.
 * - 'tonie': the Toniebox layout (research/devices.md §2.4, "one page per block"): the two
 *   header pages together are exactly 0x200 bytes, the first audio page ends at 0x1000, and
 *   every later page is exactly 0x1000 bytes, so every 4096-byte block starts with `OggS`
 *   and no page crosses a block. Pages are filled by growing packets with Opus code-3
 *   padding, which decoders skip.
 *
 * A packet never spans two pages in either layout, so every page's granule position is
 * the end of its last packet. The writer is pure: it returns page bytes for the caller to
 * store, which keeps file handling (temp file, rename, cancellation) in one place.
 */
import { OggLayoutError } from './encode-errors.js';
import { oggPageCrc } from './ogg-crc.js';
import { code3MinimumLength, padOpusPacket, parseOpusPacket } from './opus-packet.js';

export type OggLayout = 'standard' | 'tonie';

/** The Toniebox reads its audio in blocks of this size; each must start with a page. */
export const TONIE_BLOCK_BYTES = 0x1000;
/** OpusHead page + OpusTags page, together, in the Tonie layout. */
export const TONIE_HEADER_PAGES_BYTES = 0x200;
/** libogg closes a page once its body passes 4096 bytes; we stop before passing it. */
const STANDARD_PAGE_BODY_BYTES = 4096;
const PAGE_HEADER_BYTES = 27;
const MAX_SEGMENTS = 255;

const FLAG_BOS = 0x02;
const FLAG_EOS = 0x04;

/** Lacing values a packet of this length takes: one per 255 bytes, plus a final short one. */
export function lacingCount(length: number): number {
  return Math.floor(length / 255) + 1;
}

/** Bytes a packet adds to a page: its lacing values and its body. */
function pageCost(length: number): number {
  return length + lacingCount(length);
}

/**
 * The packet length whose page cost is exactly `cost`, or null when none is: costs that
 * are multiples of 256 are skipped, because at 255·k bytes a packet needs an extra 0 lacing value.
 */
function lengthForCost(cost: number): number | null {
  if (cost <= 0 || cost % 256 === 0) return null;
  const k = Math.floor(cost / 256);
  return 255 * k + (cost % 256) - 1;
}

interface PendingPacket {
  data: Uint8Array;
  granuleEnd: number;
  /** Samples the packet decodes to, to check the end trimming. */
  samples: number;
  /** Smallest length a padded (code-3) form of this packet can have. */
  minPadded: number;
}

export interface AddedPacket {
  /** Pages completed by this call, in order, ready to append to the file. */
  pages: Uint8Array[];
  /** Sequence number of the page this packet will sit on. */
  pageSequence: number;
  /** Byte offset, from the start of the Ogg stream, of that page. */
  pageOffset: number;
}

export interface OggPageWriterOptions {
  serial: number;
  layout: OggLayout;
}

export class OggPageWriter {
  private readonly serial: number;
  private readonly layout: OggLayout;
  private sequence = 0;
  private offset = 0;
  private lastGranule = 0;
  private pending: PendingPacket[] = [];
  private headersWritten = false;
  private finished = false;

  constructor(options: OggPageWriterOptions) {
    if (!Number.isInteger(options.serial) || options.serial < 0 || options.serial > 0xffffffff) {
      throw new OggLayoutError(`Ogg serial must be a 32-bit unsigned integer, got ${options.serial}`);
    }
    this.serial = options.serial;
    this.layout = options.layout;
  }

  /** Pages emitted so far. */
  get pageCount(): number {
    return this.sequence;
  }

  /** Bytes emitted so far. */
  get byteCount(): number {
    return this.offset;
  }

  /**
   * Length the OpusTags packet must have so the two header pages make exactly 0x200
   * bytes in the Tonie layout, given the OpusHead packet's length.
   */
  static tonieTagsLength(opusHeadLength: number): number {
    const tagsPage = TONIE_HEADER_PAGES_BYTES - PAGE_HEADER_BYTES - pageCost(opusHeadLength);
    const length = lengthForCost(tagsPage - PAGE_HEADER_BYTES);
    if (length === null) throw new OggLayoutError('no OpusTags length fills the Tonie header pages');
    return length;
  }

  /** Page 0 (OpusHead, beginning of stream) and page 1 (OpusTags), each on its own page as RFC 7845 asks. */
  writeHeaders(opusHead: Uint8Array, opusTags: Uint8Array): Uint8Array[] {
    if (this.headersWritten) throw new OggLayoutError('Ogg headers written twice');
    this.headersWritten = true;
    const pages = [this.emit([{ data: opusHead }], 0, FLAG_BOS), this.emit([{ data: opusTags }], 0, 0)];
    if (this.layout === 'tonie' && this.offset !== TONIE_HEADER_PAGES_BYTES) {
      throw new OggLayoutError(
        `Tonie header pages are ${this.offset} bytes, not 0x200: size OpusTags with OggPageWriter.tonieTagsLength`,
      );
    }
    return pages;
  }

  /**
   * Queues a packet that ends at `granuleEnd` (48 kHz samples since the stream start,
   * pre-skip included). `startPage` closes the current page first, so the packet opens a
   * new one: chapters start that way.
   */
  addPacket(data: Uint8Array, granuleEnd: number, startPage = false): AddedPacket {
    if (!this.headersWritten) throw new OggLayoutError('write the Opus headers before audio packets');
    if (this.finished) throw new OggLayoutError('packet added after the end of stream');
    if (granuleEnd < this.lastGranule) throw new OggLayoutError('granule positions must not go backwards');
    const info = parseOpusPacket(data);
    const packet = { data, granuleEnd, samples: info.samples, minPadded: code3MinimumLength(info) };
    const pages: Uint8Array[] = [];
    if (this.pending.length > 0 && (startPage || !this.fits(packet))) pages.push(this.closePage(0));
    if (!this.fits(packet)) {
      throw new OggLayoutError(`an Opus packet of ${data.length} bytes cannot fit a ${this.layout} page`);
    }
    this.pending.push(packet);
    this.lastGranule = granuleEnd;
    return { pages, pageSequence: this.sequence, pageOffset: this.offset };
  }

  /**
   * Emits the last page with the end-of-stream flag. `finalGranule` may be below the last
   * packet's end: decoders then drop the extra samples (end trimming, RFC 7845 §4.5).
   */
  finish(finalGranule: number): Uint8Array[] {
    if (this.finished) throw new OggLayoutError('stream finished twice');
    if (this.pending.length === 0) throw new OggLayoutError('no audio packets to end the stream with');
    const lastPageStart = this.pending[0]!.granuleEnd - this.pending[0]!.samples;
    if (finalGranule > this.lastGranule || finalGranule < lastPageStart) {
      throw new OggLayoutError(
        `final granule ${finalGranule} outside the last page's samples [${lastPageStart}, ${this.lastGranule}]`,
      );
    }
    this.finished = true;
    return [this.closePage(FLAG_EOS, finalGranule)];
  }

  /** The byte size the current page must reach (tonie) or may not pass (standard). */
  private pageTarget(): number {
    return TONIE_BLOCK_BYTES - (this.offset % TONIE_BLOCK_BYTES);
  }

  private fits(packet: PendingPacket): boolean {
    const packets = [...this.pending, packet];
    if (this.layout === 'standard') {
      const segments = packets.reduce((n, p) => n + lacingCount(p.data.length), 0);
      const body = packets.reduce((n, p) => n + p.data.length, 0);
      return segments <= MAX_SEGMENTS && (packets.length === 1 || body <= STANDARD_PAGE_BODY_BYTES);
    }
    // Accept the packet only if the page could still be closed at exactly its target size,
    // so the page a packet lands on is known the moment it is added.
    return planFill(packets, this.pageTarget()) !== null;
  }

  private closePage(flags: number, granule?: number): Uint8Array {
    const packets = this.pending;
    this.pending = [];
    if (this.layout === 'tonie') {
      const lengths = planFill(packets, this.pageTarget());
      if (!lengths) throw new OggLayoutError(`could not pad a page to exactly ${this.pageTarget()} bytes`);
      packets.forEach((p, i) => {
        if (lengths[i] !== p.data.length) p.data = padOpusPacket(p.data, lengths[i]!);
      });
    }
    return this.emit(packets, granule ?? packets[packets.length - 1]!.granuleEnd, flags);
  }

  private emit(packets: Pick<PendingPacket, 'data'>[], granule: number, flags: number): Uint8Array {
    const segments = packets.reduce((n, p) => n + lacingCount(p.data.length), 0);
    const body = packets.reduce((n, p) => n + p.data.length, 0);
    const page = new Uint8Array(PAGE_HEADER_BYTES + segments + body);
    const view = new DataView(page.buffer);
    page.set([0x4f, 0x67, 0x67, 0x53]); // "OggS"
    page[5] = flags;
    view.setBigInt64(6, BigInt(granule), true);
    view.setUint32(14, this.serial, true);
    view.setUint32(18, this.sequence, true);
    page[26] = segments;
    let lace = PAGE_HEADER_BYTES;
    let at = PAGE_HEADER_BYTES + segments;
    for (const { data } of packets) {
      for (let left = data.length; ; left -= 255) {
        page[lace++] = Math.min(left, 255);
        if (left < 255) break;
      }
      page.set(data, at);
      at += data.length;
    }
    view.setUint32(22, oggPageCrc(page), true);
    this.sequence += 1;
    this.offset += page.length;
    return page;
  }
}

/**
 * Packet lengths that make a page of exactly `target` bytes with at most 255 lacing
 * values, growing packets by code-3 padding; null when there are none. One packet usually
 * absorbs the whole gap; when the cost it would need is one no packet length has (a
 * multiple of 256), another packet first grows by a byte and the search runs again.
 */
function planFill(packets: Pick<PendingPacket, 'data' | 'minPadded'>[], target: number): number[] | null {
  const lengths = packets.map((p) => p.data.length);
  const size = (): number => lengths.reduce((n, l) => n + pageCost(l), PAGE_HEADER_BYTES);
  const withinSegments = (): boolean => lengths.reduce((n, l) => n + lacingCount(l), 0) <= MAX_SEGMENTS;
  for (let attempt = 0; attempt <= 2 * lengths.length; attempt += 1) {
    const gap = target - size();
    if (gap === 0) return withinSegments() ? lengths : null;
    if (gap < 0) return null;
    for (let i = lengths.length - 1; i >= 0; i -= 1) {
      const grown = lengthForCost(pageCost(lengths[i]!) + gap);
      if (grown !== null && grown >= packets[i]!.minPadded) {
        lengths[i] = grown;
        return withinSegments() ? lengths : null;
      }
    }
    const j = attempt % lengths.length;
    lengths[j] = Math.max(lengths[j]! + 1, packets[j]!.minPadded);
  }
  return null;
}
