/**
 * Splits an Ogg stream into whole pages whose CRC checks out (RFC 3533). The wasm
 * decoders only ever see intact pages: a damaged page is dropped and counted, and a page
 * cut off by the end of the file never reaches them (one such page made a decoder emit
 * several seconds of noise in our tests).
 */

export interface OggPage {
  bytes: Uint8Array;
  granulePosition: bigint;
  serial: number;
  sequence: number;
  /** The first packet on this page continues one begun on the previous page. */
  continued: boolean;
  endOfStream: boolean;
}

const HEADER_BYTES = 27;
const CONTINUED_FLAG = 0x01;
const EOS_FLAG = 0x04;

// CRC-32 with polynomial 0x04c11db7, unreflected, initial value 0: Ogg's own variant.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i += 1) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit += 1) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

function oggCrc(page: Uint8Array): number {
  const step = (crc: number, byte: number): number =>
    ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  let crc = 0;
  for (let i = 0; i < 22; i += 1) crc = step(crc, page[i]!);
  for (let i = 0; i < 4; i += 1) crc = step(crc, 0); // the CRC field counts as zeros
  for (let i = 26; i < page.byteLength; i += 1) crc = step(crc, page[i]!);
  return crc;
}

function isCapture(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0x4f && bytes[at + 1] === 0x67 && bytes[at + 2] === 0x67 && bytes[at + 3] === 0x53;
}

/** Length of the page at `at`, or 0 when its header is not all there yet. */
export function oggPageLength(bytes: Uint8Array, at: number): number {
  if (at + HEADER_BYTES > bytes.byteLength) return 0;
  const segments = bytes[at + 26]!;
  if (at + HEADER_BYTES + segments > bytes.byteLength) return 0;
  let body = 0;
  for (let i = 0; i < segments; i += 1) body += bytes[at + HEADER_BYTES + i]!;
  return HEADER_BYTES + segments + body;
}

export function parseOggPage(bytes: Uint8Array): OggPage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    bytes,
    granulePosition: view.getBigInt64(6, true),
    serial: view.getUint32(14, true),
    sequence: view.getUint32(18, true),
    continued: (bytes[5]! & CONTINUED_FLAG) !== 0,
    endOfStream: (bytes[5]! & EOS_FLAG) !== 0,
  };
}

export class OggPageReader {
  private buffer: Uint8Array = new Uint8Array(0);
  damagedPages = 0;
  skippedBytes = 0;
  lastPage: OggPage | null = null;

  push(bytes: Uint8Array): OggPage[] {
    this.buffer = this.buffer.byteLength > 0 ? concat(this.buffer, bytes) : bytes;
    const pages: OggPage[] = [];
    let pos = 0;
    while (pos + 4 <= this.buffer.byteLength) {
      if (!isCapture(this.buffer, pos) || this.buffer[pos + 4] !== 0) {
        pos = this.resync(pos + 1);
        continue;
      }
      const length = oggPageLength(this.buffer, pos);
      if (length === 0 || pos + length > this.buffer.byteLength) break;
      const candidate = this.buffer.subarray(pos, pos + length);
      const stored = new DataView(candidate.buffer, candidate.byteOffset + 22, 4).getUint32(0, true);
      if (oggCrc(candidate) !== stored) {
        this.damagedPages += 1;
        pos = this.resync(pos + 1);
        continue;
      }
      const page = parseOggPage(candidate);
      pages.push(page);
      this.lastPage = page;
      pos += length;
    }
    this.buffer = this.buffer.slice(pos);
    return pages;
  }

  /** True when the data ended inside a page: the file was cut short. */
  finish(): boolean {
    const partial = this.buffer.byteLength >= 4 && isCapture(this.buffer, 0);
    if (!partial) this.skippedBytes += this.buffer.byteLength;
    this.buffer = new Uint8Array(0);
    return partial;
  }

  /** Moves to the next capture pattern, counting what is skipped as damage. */
  private resync(from: number): number {
    let at = from;
    while (at + 4 <= this.buffer.byteLength && !isCapture(this.buffer, at)) at += 1;
    // Keep a possible partial "OggS" at the very end for the next chunk.
    if (at + 4 > this.buffer.byteLength) at = Math.max(from, this.buffer.byteLength - 3);
    this.skippedBytes += at - (from - 1);
    return at;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
