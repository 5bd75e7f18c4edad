/**
 * In-memory NFC cards for the fake PN532: a MIFARE Classic 1K (64 blocks of 16 bytes, a key
 * A / key B per sector in its trailer) and NTAG213/215 (4-byte pages). They answer the card
 * commands a PN532 forwards with InDataExchange, with the status byte the chip would report.
 *
 * Card facts used (NXP MF1S50yyX and NTAG213/215/216 data sheets): Classic 1K SAK 0x08, ATQA
 * 00 04, sector trailer = key A, access bits FF 07 80 69, key B; a failed authentication
 * halts the card until it is selected again. NTAG: SAK 0x00, ATQA 00 44, READ (0x30) returns
 * four pages, WRITE (0xA2) writes one; capability container in page 3 (byte 2 = size/8:
 * 0x12 NTAG213, 0x3E NTAG215).
 */

const STATUS_OK = 0x00;
/** The card did not answer (a NAK or silence, as the PN532 reports it). */
const STATUS_TIMEOUT = 0x01;
const STATUS_AUTH = 0x14;

export const FACTORY_KEY = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);

export type FakeCardSpec =
  | {
      type: 'mifare-classic-1k';
      uid?: Uint8Array;
      /** Key A per sector where it is not the factory key FF×6. */
      keysA?: Readonly<Record<number, Uint8Array>>;
    }
  | { type: 'ntag213' | 'ntag215'; uid?: Uint8Array };

export interface CardAnswer {
  status: number;
  data?: Uint8Array;
}

export interface FakeNfcCard {
  readonly uid: Uint8Array;
  readonly sak: number;
  readonly atqa: Uint8Array;
  /** Called when the reader selects the card (InListPassiveTarget): it leaves HALT. */
  select(): void;
  exchange(command: Uint8Array): CardAnswer;
  /** Test access to memory: `length` bytes from a block (Classic) or page (NTAG). */
  peek(unit: number, length?: number): Uint8Array;
}

export function makeFakeCard(spec: FakeCardSpec): FakeNfcCard {
  return spec.type === 'mifare-classic-1k' ? new FakeMifareClassic(spec.uid, spec.keysA) : new FakeNtag(spec);
}

class FakeMifareClassic implements FakeNfcCard {
  readonly uid: Uint8Array;
  readonly sak = 0x08;
  readonly atqa = Uint8Array.of(0x00, 0x04);
  private readonly blocks = new Uint8Array(64 * 16);
  private authenticatedSector: number | null = null;
  private halted = false;

  constructor(
    uid: Uint8Array = Uint8Array.of(0xde, 0xad, 0xbe, 0xef),
    keysA: Readonly<Record<number, Uint8Array>> = {},
  ) {
    this.uid = uid;
    this.blocks.set([...uid, uid.reduce((a, b) => a ^ b, 0), this.sak, 0x04, 0x00], 0);
    for (let sector = 0; sector < 16; sector += 1) {
      const trailer = (sector * 4 + 3) * 16;
      this.blocks.set(keysA[sector] ?? FACTORY_KEY, trailer);
      this.blocks.set([0xff, 0x07, 0x80, 0x69], trailer + 6);
      this.blocks.set(FACTORY_KEY, trailer + 10);
    }
  }

  select(): void {
    this.halted = false;
    this.authenticatedSector = null;
  }

  exchange(command: Uint8Array): CardAnswer {
    if (this.halted) return { status: STATUS_TIMEOUT };
    const [code, block] = command;
    if (block === undefined || block >= 64) return { status: STATUS_TIMEOUT };
    if (code === 0x60 || code === 0x61)
      return this.authenticate(code, block, command.subarray(2, 8), command.subarray(8, 12));
    if (this.authenticatedSector !== Math.floor(block / 4)) return { status: STATUS_TIMEOUT };
    if (code === 0x30) return { status: STATUS_OK, data: this.readBlock(block) };
    if (code === 0xa0 && command.length === 18 && block !== 0) {
      this.blocks.set(command.subarray(2), block * 16);
      return { status: STATUS_OK };
    }
    return { status: STATUS_TIMEOUT };
  }

  peek(block: number, length = 16): Uint8Array {
    return this.blocks.slice(block * 16, block * 16 + length);
  }

  private authenticate(code: number, block: number, key: Uint8Array, uid: Uint8Array): CardAnswer {
    const trailer = (Math.floor(block / 4) * 4 + 3) * 16;
    const stored = this.blocks.subarray(
      trailer + (code === 0x60 ? 0 : 10),
      trailer + (code === 0x60 ? 6 : 16),
    );
    if (!sameBytes(stored, key) || !sameBytes(uid, this.uid.subarray(-4))) {
      this.halted = true;
      this.authenticatedSector = null;
      return { status: STATUS_AUTH };
    }
    this.authenticatedSector = Math.floor(block / 4);
    return { status: STATUS_OK };
  }

  private readBlock(block: number): Uint8Array {
    const bytes = this.blocks.slice(block * 16, block * 16 + 16);
    // Key A of a trailer always reads back as zeros.
    if (block % 4 === 3) bytes.fill(0, 0, 6);
    return bytes;
  }
}

class FakeNtag implements FakeNfcCard {
  readonly uid: Uint8Array;
  readonly sak = 0x00;
  readonly atqa = Uint8Array.of(0x00, 0x44);
  private readonly pages: Uint8Array;
  private readonly lastUserPage: number;

  constructor(spec: { type: 'ntag213' | 'ntag215'; uid?: Uint8Array }) {
    const small = spec.type === 'ntag213';
    this.uid = spec.uid ?? Uint8Array.of(0x04, 0x5a, 0x3c, 0x12, 0x9a, 0x61, 0x80);
    this.pages = new Uint8Array((small ? 45 : 135) * 4);
    this.lastUserPage = small ? 39 : 129;
    this.pages.set(this.uid.subarray(0, 3), 0);
    this.pages.set(this.uid.subarray(3, 7), 4);
    this.pages.set([0xe1, 0x10, small ? 0x12 : 0x3e, 0x00], 12);
  }

  select(): void {}

  exchange(command: Uint8Array): CardAnswer {
    const [code, page] = command;
    const count = this.pages.length / 4;
    if (page === undefined || page >= count) return { status: STATUS_TIMEOUT };
    if (code === 0x30) {
      const data = new Uint8Array(16);
      for (let i = 0; i < 4; i += 1)
        data.set(this.pages.subarray(((page + i) % count) * 4, ((page + i) % count) * 4 + 4), i * 4);
      return { status: STATUS_OK, data };
    }
    if (code === 0xa2 && command.length === 6 && page >= 4 && page <= this.lastUserPage) {
      this.pages.set(command.subarray(2), page * 4);
      return { status: STATUS_OK };
    }
    return { status: STATUS_TIMEOUT };
  }

  peek(page: number, length = 16): Uint8Array {
    return this.pages.slice(page * 4, page * 4 + length);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
