/**
 * Reads an Ogg file page by page, streaming (RFC 3533): each page with its header fields,
 * lacing values, body and whether its CRC holds. Bytes that are not a page are reported
 * and skipped to the next `OggS`, so a damaged file is described, not refused.
 */
import { open } from 'node:fs/promises';

import { oggPageCrc } from './ogg-crc.js';

const PAGE_HEADER_BYTES = 27;
const READ_BYTES = 1024 * 1024;

export interface OggPage {
  /** Offset from the start of the Ogg data (the `start` given to the reader). */
  offset: number;
  size: number;
  version: number;
  /** Header type flags: 0x01 continued packet, 0x02 beginning of stream, 0x04 end of stream. */
  flags: number;
  /** -1 when no packet ends on this page. */
  granule: number;
  serial: number;
  sequence: number;
  crcOk: boolean;
  lacing: Uint8Array;
  body: Uint8Array;
}

export type OggReadEvent =
  | { kind: 'page'; page: OggPage }
  /** Bytes between pages that are not a page. */
  | { kind: 'garbage'; offset: number; length: number }
  /** An incomplete page at the end of the file. */
  | { kind: 'truncated'; offset: number; length: number };

const isCapture = (b: Uint8Array, at: number): boolean =>
  b[at] === 0x4f && b[at + 1] === 0x67 && b[at + 2] === 0x67 && b[at + 3] === 0x53;

/** Pages of the Ogg data that begins `start` bytes into the file (0x1000 in a TAF). */
export async function* readOggPages(path: string, start = 0): AsyncGenerator<OggReadEvent> {
  const handle = await open(path, 'r');
  try {
    let buf = new Uint8Array(0);
    let pos = 0; // read position in buf
    let base = 0; // Ogg offset of buf[0]
    let filePos = start;
    let eof = false;
    /** Makes sure `n` bytes from `pos` are buffered, unless the file ends first. */
    const fill = async (n: number): Promise<void> => {
      while (!eof && buf.length - pos < n) {
        const chunk = new Uint8Array(Math.max(READ_BYTES, n));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, filePos);
        filePos += bytesRead;
        if (bytesRead === 0) eof = true;
        const next = new Uint8Array(buf.length - pos + bytesRead);
        next.set(buf.subarray(pos));
        next.set(chunk.subarray(0, bytesRead), buf.length - pos);
        base += pos;
        buf = next;
        pos = 0;
      }
    };
    /** Advances `pos` to the next capture pattern (or the end); returns the length passed over. */
    const skipToCapture = async (): Promise<number> => {
      const from = base + pos;
      pos += 1;
      for (;;) {
        if (buf.length - pos < 4) await fill(4);
        if (buf.length - pos < 4) {
          pos = buf.length;
          return base + pos - from;
        }
        if (isCapture(buf, pos)) return base + pos - from;
        pos += 1;
      }
    };
    for (;;) {
      await fill(PAGE_HEADER_BYTES);
      const left = buf.length - pos;
      if (left === 0) return;
      if (left < 4 || !isCapture(buf, pos)) {
        const offset = base + pos;
        yield { kind: 'garbage', offset, length: await skipToCapture() };
        continue;
      }
      if (left < PAGE_HEADER_BYTES) {
        yield { kind: 'truncated', offset: base + pos, length: left };
        return;
      }
      const segments = buf[pos + 26]!;
      await fill(PAGE_HEADER_BYTES + segments);
      let bodyBytes = 0;
      for (let i = 0; i < segments; i += 1) bodyBytes += buf[pos + PAGE_HEADER_BYTES + i] ?? 0;
      const size = PAGE_HEADER_BYTES + segments + bodyBytes;
      await fill(size);
      if (buf.length - pos < size) {
        yield { kind: 'truncated', offset: base + pos, length: buf.length - pos };
        return;
      }
      yield { kind: 'page', page: parsePage(buf.slice(pos, pos + size), base + pos, segments) };
      pos += size;
    }
  } finally {
    await handle.close();
  }
}

function parsePage(page: Uint8Array, offset: number, segments: number): OggPage {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  return {
    offset,
    size: page.length,
    version: page[4]!,
    flags: page[5]!,
    granule: Number(view.getBigInt64(6, true)),
    serial: view.getUint32(14, true),
    sequence: view.getUint32(18, true),
    crcOk: view.getUint32(22, true) === oggPageCrc(page),
    lacing: page.subarray(PAGE_HEADER_BYTES, PAGE_HEADER_BYTES + segments),
    body: page.subarray(PAGE_HEADER_BYTES + segments),
  };
}
