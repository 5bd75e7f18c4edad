/**
 * Rebuilds packets from the pages of one Ogg logical stream (RFC 3533 §6): a packet is
 * the run of lacing segments up to the first one shorter than 255 bytes, and may carry
 * on across pages. When a damaged page was dropped, the packet it split is dropped too
 * rather than glued together from the wrong pieces.
 */
import type { OggPage } from './ogg-page-reader.js';

export class OggPacketAssembler {
  private carried: Uint8Array[] = [];
  private nextSequence: number | null = null;
  /** Packets lost to a missing or damaged page. */
  lostPackets = 0;

  push(page: OggPage): Uint8Array[] {
    const gap = this.nextSequence !== null && page.sequence !== this.nextSequence;
    this.nextSequence = (page.sequence + 1) >>> 0;
    if ((gap || !page.continued) && this.carried.length > 0) {
      this.carried = [];
      this.lostPackets += 1;
    }
    // A continuation whose beginning we do not have is only a tail: skip it.
    let skipping = page.continued && this.carried.length === 0;
    const { bytes } = page;
    const segments = bytes[26]!;
    const packets: Uint8Array[] = [];
    let at = 27 + segments;
    let start = at;
    for (let i = 0; i < segments; i += 1) {
      const lacing = bytes[27 + i]!;
      at += lacing;
      if (lacing === 255) continue;
      if (!skipping) packets.push(this.complete(bytes.subarray(start, at)));
      skipping = false;
      start = at;
    }
    if (start < at && !skipping) this.carried.push(bytes.slice(start, at));
    return packets;
  }

  private complete(last: Uint8Array): Uint8Array {
    if (this.carried.length === 0) return last;
    const parts = [...this.carried, last];
    this.carried = [];
    const packet = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
    let at = 0;
    for (const part of parts) {
      packet.set(part, at);
      at += part.byteLength;
    }
    return packet;
  }
}
