/**
 * PN532 host-link frames (NXP UM0701-02 §6.2.1), the same on HSU (serial), SPI and I2C:
 *
 *   normal:    00 00 FF LEN LCS TFI PD0..PDn DCS 00     LEN = bytes of TFI+PD, LEN+LCS = 0 (mod 256)
 *   extended:  00 00 FF FF FF LENM LENL LCS TFI PD… DCS 00   for more than 254 data bytes
 *   ACK:       00 00 FF 00 FF 00
 *   NACK:      00 00 FF FF 00 00
 *   error:     00 00 FF 01 FF 7F 81 00   (the chip could not parse the host's frame)
 *
 * TFI is D4 from host to chip and D5 from chip to host; TFI+PD0..PDn+DCS = 0 (mod 256).
 * The reader below takes a byte stream in any slices and resynchronises on the start code,
 * because a serial line can hand over half a frame, or noise before one.
 */

export const PN532_TFI_HOST = 0xd4;
export const PN532_TFI_CHIP = 0xd5;
const TFI_ERROR = 0x7f;
const START = [0x00, 0xff] as const;
/** A normal frame's LEN counts TFI plus data and is one byte. */
const NORMAL_MAX_DATA = 254;

export const PN532_ACK = Uint8Array.of(0x00, 0x00, 0xff, 0x00, 0xff, 0x00);
export const PN532_NACK = Uint8Array.of(0x00, 0x00, 0xff, 0xff, 0x00, 0x00);
export const PN532_ERROR_FRAME = Uint8Array.of(0x00, 0x00, 0xff, 0x01, 0xff, TFI_ERROR, 0x81, 0x00);

export class Pn532FrameError extends Error {
  override readonly name = 'Pn532FrameError';
}

export type Pn532Packet =
  | { kind: 'ack' }
  | { kind: 'nack' }
  /** The other side reported a frame it could not parse (the error frame). */
  | { kind: 'error' }
  /** A frame whose checksums are wrong: the bytes were damaged on the line. */
  | { kind: 'corrupt'; reason: string }
  | { kind: 'frame'; tfi: number; data: Uint8Array };

/** The two's-complement checksum: the byte that makes the sum of `bytes` plus itself 0. */
export function pn532Checksum(bytes: Iterable<number>): number {
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  return (0x100 - sum) & 0xff;
}

/** One information frame: TFI then `data` (command code first). */
export function encodePn532Frame(tfi: number, data: Uint8Array): Uint8Array {
  const body = new Uint8Array(1 + data.length);
  body[0] = tfi;
  body.set(data, 1);
  const len = body.length;
  if (len > 0xffff) throw new Pn532FrameError(`a PN532 frame carries at most 65535 bytes, got ${len}`);
  const header =
    data.length <= NORMAL_MAX_DATA
      ? [0x00, ...START, len, pn532Checksum([len])]
      : [0x00, ...START, 0xff, 0xff, len >> 8, len & 0xff, pn532Checksum([len >> 8, len & 0xff])];
  const frame = new Uint8Array(header.length + len + 2);
  frame.set(header, 0);
  frame.set(body, header.length);
  frame[header.length + len] = pn532Checksum(body);
  frame[header.length + len + 1] = 0x00;
  return frame;
}

/** A host command frame: D4, the command code, its parameters. */
export function encodePn532Command(command: number, params: Uint8Array | readonly number[] = []): Uint8Array {
  return encodePn532Frame(PN532_TFI_HOST, Uint8Array.of(command, ...params));
}

/** Splits a byte stream into packets; keeps a partial frame until its remaining bytes arrive. */
export class Pn532FrameReader {
  private buf = new Uint8Array(0);

  push(bytes: Uint8Array): Pn532Packet[] {
    const joined = new Uint8Array(this.buf.length + bytes.length);
    joined.set(this.buf, 0);
    joined.set(bytes, this.buf.length);
    this.buf = joined;
    const packets: Pn532Packet[] = [];
    for (;;) {
      const start = findStart(this.buf);
      if (start < 0) {
        // Keep a trailing 00: it may be the first half of the next start code.
        this.buf = this.buf.subarray(
          this.buf.length > 0 && this.buf[this.buf.length - 1] === 0 ? -1 : this.buf.length,
        );
        return packets;
      }
      const read = readPacket(this.buf, start + 2);
      if (read === 'need-more') {
        this.buf = this.buf.subarray(start);
        return packets;
      }
      packets.push(read.packet);
      this.buf = this.buf.subarray(read.next);
    }
  }
}

function findStart(buf: Uint8Array): number {
  for (let i = 0; i + 1 < buf.length; i += 1) if (buf[i] === START[0] && buf[i + 1] === START[1]) return i;
  return -1;
}

type Read = { packet: Pn532Packet; next: number } | 'need-more';

/** Reads the packet whose LEN byte is at `at` (just after 00 FF). */
function readPacket(buf: Uint8Array, at: number): Read {
  if (at + 2 > buf.length) return 'need-more';
  const a = buf[at]!;
  const b = buf[at + 1]!;
  if (a === 0x00 && b === 0xff) return { packet: { kind: 'ack' }, next: at + 2 };
  if (a === 0xff && b === 0x00) return { packet: { kind: 'nack' }, next: at + 2 };
  if (a === 0xff && b === 0xff) return readExtended(buf, at + 2);
  if (((a + b) & 0xff) !== 0) {
    return { packet: { kind: 'corrupt', reason: `length checksum wrong (LEN ${a}, LCS ${b})` }, next: at };
  }
  if (a === 0) return { packet: { kind: 'corrupt', reason: 'empty frame' }, next: at + 2 };
  return readBody(buf, at + 2, a);
}

function readExtended(buf: Uint8Array, at: number): Read {
  if (at + 3 > buf.length) return 'need-more';
  const len = (buf[at]! << 8) | buf[at + 1]!;
  if (((buf[at]! + buf[at + 1]! + buf[at + 2]!) & 0xff) !== 0) {
    return { packet: { kind: 'corrupt', reason: 'extended length checksum wrong' }, next: at };
  }
  if (len === 0) return { packet: { kind: 'corrupt', reason: 'empty frame' }, next: at + 3 };
  return readBody(buf, at + 3, len);
}

/** TFI + data (`len` bytes) then DCS, starting at `at`. */
function readBody(buf: Uint8Array, at: number, len: number): Read {
  if (at + len + 1 > buf.length) return 'need-more';
  const body = buf.subarray(at, at + len);
  const dcs = buf[at + len]!;
  const next = at + len + 1;
  if (pn532Checksum(body) !== dcs) {
    return { packet: { kind: 'corrupt', reason: 'data checksum wrong' }, next };
  }
  const tfi = body[0]!;
  if (tfi === TFI_ERROR && len === 1) return { packet: { kind: 'error' }, next };
  return { packet: { kind: 'frame', tfi, data: body.slice(1) }, next };
}
