/**
 * Rebuilds packets from Ogg pages' lacing values (RFC 3533 §5), including packets that
 * continue across pages. A page that claims to continue a packet nobody started, or a
 * started packet that the next page does not continue, counts as a continuity error and
 * the broken packet is dropped, as decoders do.
 */
import type { OggPage } from './ogg-page-reader.js';

const FLAG_CONTINUED = 0x01;

export interface AssembledPacket {
  data: Uint8Array;
  /** True when the packet's last lacing value is the page's last: nothing else starts after it. */
  endsPage: boolean;
}

export class OggPacketAssembler {
  private partial: Uint8Array[] = [];
  continuityErrors = 0;

  /** Packets completed on this page, in order. */
  push(page: OggPage): AssembledPacket[] {
    const continued = (page.flags & FLAG_CONTINUED) !== 0;
    let dropping = false;
    if (continued && this.partial.length === 0) {
      this.continuityErrors += 1; // the packet's start was lost: skip its tail
      dropping = true;
    }
    if (!continued && this.partial.length > 0) {
      this.continuityErrors += 1;
      this.partial = [];
    }
    const packets: AssembledPacket[] = [];
    let at = 0;
    let start = 0;
    page.lacing.forEach((value, i) => {
      at += value;
      if (value === 255) return;
      const piece = page.body.subarray(start, at);
      start = at;
      if (dropping) {
        dropping = false;
        return;
      }
      this.partial.push(piece);
      packets.push({ data: this.take(), endsPage: i === page.lacing.length - 1 });
    });
    if (start < at && !dropping) this.partial.push(page.body.subarray(start, at));
    return packets;
  }

  /** Call after the last page: a packet still open there never ended. */
  end(): void {
    if (this.partial.length > 0) this.continuityErrors += 1;
    this.partial = [];
  }

  private take(): Uint8Array {
    const parts = this.partial;
    this.partial = [];
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }
}
