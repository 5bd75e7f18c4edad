/**
 * Writes (and reads) a TonUINO card with a PN532 reader on a serial port, placing the 16
 * bytes where TonUINO-TNG reads them (tonuino/TonUINO-TNG @ 5c4116c, src/chip_card.cpp):
 *
 * - MIFARE Classic Mini/1K/4K: authenticate with key A FF FF FF FF FF FF on the sector 1
 *   trailer, block 7 (lines 65-67, 85), then block 4 (lines 137, 218).
 * - MIFARE Ultralight / NTAG213/215/216: no authentication; pages 8 to 11, four bytes each
 *   (lines 144-152, 225-232). Page 3's byte 2 names the NTAG model (lines 91-101).
 *
 * The card kind comes from the SAK byte the way TNG's MFRC522 library decides it
 * (`PICC_GetType`: 0x09 Mini, 0x08 1K, 0x18 4K, 0x00 Ultralight/NTAG), so a card we accept is a
 * card the box reads. Every write is read back and compared before we call it done.
 */
import { NfcWriterError, nfcCancelledError } from './nfc-writer-error';
import { Pn532, Pn532StatusError, Pn532Status, type Pn532Options, type Pn532Target } from './pn532';
import {
  TONUINO_CARD_BYTES,
  TonuinoCardError,
  decodeTonuinoCard,
  encodeTonuinoCard,
  type DecodedTonuinoCard,
  type TonuinoCard,
} from './tonuino-card';

/** TonUINO's MIFARE key A: the factory default (TNG src/chip_card.cpp:65). */
const TONUINO_KEY_A = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const CLASSIC_TRAILER_BLOCK = 7;
const CLASSIC_DATA_BLOCK = 4;
const NTAG_FIRST_PAGE = 8;
const NTAG_CC_PAGE = 3;

const MIFARE_AUTH_A = 0x60;
const MIFARE_READ = 0x30;
const MIFARE_WRITE = 0xa0;
const ULTRALIGHT_WRITE = 0xa2;

/** How often the chip retries finding a card per InListPassiveTarget, before answering "none". */
const SEARCH_RETRIES = 0x05;
const POLL_PAUSE_MS = 100;
const DEFAULT_CARD_WAIT_MS = 15_000;

export type NfcCardType = 'mifare-mini' | 'mifare-classic-1k' | 'mifare-classic-4k' | 'mifare-ultralight';

export interface NfcCardInfo {
  type: NfcCardType;
  /** NTAG213/215/216 when the capability container says so. */
  model: string | null;
  uid: Uint8Array;
  /** The UID as hex pairs, "DE:AD:BE:EF". */
  uidText: string;
}

export type NfcStep =
  'opening-port' | 'waking-reader' | 'waiting-for-card' | 'writing' | 'verifying' | 'done';

export interface NfcCardOptions extends Pn532Options {
  /** How long to wait for a card on the reader (default 15 s). */
  cardWaitMs?: number;
  onStep?: (step: NfcStep) => void;
}

export interface NfcCardWritten extends NfcCardInfo {
  /** The 16 bytes written and read back. */
  bytes: Uint8Array;
}

export interface NfcCardRead extends NfcCardInfo {
  bytes: Uint8Array;
  /** The TonUINO settings, or null when the card holds none (see `problem`). */
  tonuino: DecodedTonuinoCard | null;
  problem: TonuinoCardError | null;
}

/** Encodes `card` as TNG does and writes it to the card on the reader at `portPath`. */
export async function writeTonuinoCardWithPn532(
  portPath: string,
  card: TonuinoCard,
  options: NfcCardOptions = {},
): Promise<NfcCardWritten> {
  const bytes = encodeTonuinoCard(card);
  return withCardOnReader(portPath, options, async (reader, target, info) => {
    options.onStep?.('writing');
    await unlock(reader, target, info.type);
    await writeBytes(reader, target, info.type, bytes);
    options.onStep?.('verifying');
    const back = await readBytes(reader, target, info.type);
    if (!sameBytes(back, bytes)) {
      throw new NfcWriterError(
        'write-not-confirmed',
        'The card did not keep what was written (reading it back gave other bytes). Try again, or use another card.',
      );
    }
    options.onStep?.('done');
    return { ...info, bytes: back };
  });
}

/** Reads the 16 TonUINO bytes of the card on the reader and decodes them when they are TonUINO's. */
export async function readTonuinoCardWithPn532(
  portPath: string,
  options: NfcCardOptions = {},
): Promise<NfcCardRead> {
  return withCardOnReader(portPath, options, async (reader, target, info) => {
    await unlock(reader, target, info.type);
    const bytes = await readBytes(reader, target, info.type);
    options.onStep?.('done');
    try {
      return { ...info, bytes, tonuino: decodeTonuinoCard(bytes), problem: null };
    } catch (error) {
      if (!(error instanceof TonuinoCardError)) throw error;
      return { ...info, bytes, tonuino: null, problem: error };
    }
  });
}

type CardWork<T> = (reader: Pn532, target: Pn532Target, info: NfcCardInfo) => Promise<T>;

async function withCardOnReader<T>(portPath: string, options: NfcCardOptions, work: CardWork<T>): Promise<T> {
  options.onStep?.('opening-port');
  const reader = await Pn532.open(portPath, options);
  try {
    options.onStep?.('waking-reader');
    await reader.wakeUp();
    await reader.setPassiveActivationRetries(SEARCH_RETRIES);
    options.onStep?.('waiting-for-card');
    const target = await waitForCard(reader, options);
    const info = await describeCard(reader, target);
    const result = await work(reader, target, info);
    await reader.release(target.tg);
    return result;
  } finally {
    await reader.close();
  }
}

async function waitForCard(reader: Pn532, options: NfcCardOptions): Promise<Pn532Target> {
  const waitMs = options.cardWaitMs ?? DEFAULT_CARD_WAIT_MS;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const target = await reader.listPassiveTarget();
    if (target) return target;
    if (Date.now() >= deadline) {
      throw new NfcWriterError(
        'no-card',
        `No card on the NFC reader at ${reader.path} after ${formatSeconds(waitMs)}. ` +
          'Put a card flat on the reader and try again.',
      );
    }
    await pause(POLL_PAUSE_MS, options.signal);
  }
}

async function describeCard(reader: Pn532, target: Pn532Target): Promise<NfcCardInfo> {
  const type = cardType(target.selRes);
  const uidText = Array.from(target.uid, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  if (!type) {
    throw new NfcWriterError(
      'unsupported-card',
      `This card (SAK 0x${target.selRes.toString(16).padStart(2, '0')}) is not a MIFARE Classic or NTAG/Ultralight card; ` +
        'TonUINO reads only those two kinds.',
    );
  }
  if (type !== 'mifare-ultralight') return { type, model: null, uid: target.uid, uidText };
  const cc = await exchange(reader, target, [MIFARE_READ, NTAG_CC_PAGE], 'card-lost');
  return { type, model: NTAG_MODELS[cc[2] ?? -1] ?? null, uid: target.uid, uidText };
}

/** Capability container byte 2 (TNG src/chip_card.cpp:96-99). */
const NTAG_MODELS: Record<number, string> = { 0x12: 'NTAG213', 0x3e: 'NTAG215', 0x6d: 'NTAG216' };

/** `PICC_GetType` of the MFRC522 library TNG uses: the SAK without its bit 7. */
function cardType(sak: number): NfcCardType | null {
  switch (sak & 0x7f) {
    case 0x09:
      return 'mifare-mini';
    case 0x08:
      return 'mifare-classic-1k';
    case 0x18:
      return 'mifare-classic-4k';
    case 0x00:
      return 'mifare-ultralight';
    default:
      return null;
  }
}

/** MIFARE Classic needs sector 1 opened with key A; NTAG/Ultralight needs nothing (as in TNG). */
async function unlock(reader: Pn532, target: Pn532Target, type: NfcCardType): Promise<void> {
  if (type !== 'mifare-ultralight') await authenticateSector1(reader, target);
}

async function writeBytes(
  reader: Pn532,
  target: Pn532Target,
  type: NfcCardType,
  bytes: Uint8Array,
): Promise<void> {
  if (type === 'mifare-ultralight') {
    for (let page = 0; page < TONUINO_CARD_BYTES / 4; page += 1) {
      const part = bytes.subarray(page * 4, page * 4 + 4);
      await exchange(reader, target, [ULTRALIGHT_WRITE, NTAG_FIRST_PAGE + page, ...part], 'write-failed');
    }
  } else {
    await exchange(reader, target, [MIFARE_WRITE, CLASSIC_DATA_BLOCK, ...bytes], 'write-failed');
  }
}

/** The 16 bytes (block 4, or pages 8-11: one READ returns four pages). */
async function readBytes(reader: Pn532, target: Pn532Target, type: NfcCardType): Promise<Uint8Array> {
  const address = type === 'mifare-ultralight' ? NTAG_FIRST_PAGE : CLASSIC_DATA_BLOCK;
  const data = await exchange(reader, target, [MIFARE_READ, address], 'card-lost');
  if (data.length < TONUINO_CARD_BYTES) {
    throw new NfcWriterError(
      'reader-error',
      `The card answered ${data.length} bytes to a read instead of 16.`,
    );
  }
  return data.slice(0, TONUINO_CARD_BYTES);
}

async function authenticateSector1(reader: Pn532, target: Pn532Target): Promise<void> {
  // A 7-byte-UID Classic authenticates with its last four UID bytes (as the MFRC522 library does).
  const uid = target.uid.subarray(-4);
  try {
    await reader.dataExchange(target.tg, [MIFARE_AUTH_A, CLASSIC_TRAILER_BLOCK, ...TONUINO_KEY_A, ...uid]);
  } catch (error) {
    if (error instanceof Pn532StatusError && error.status === Pn532Status.mifareAuth) {
      throw new NfcWriterError(
        'auth-failed',
        'This card is locked with its own key (sector 1 does not open with the factory key FF FF FF FF FF FF ' +
          'that TonUINO uses; NFC-formatted cards often are). A TonUINO box could not read it either: use a blank card.',
        { cause: error },
      );
    }
    throw asCardError(error, 'card-lost');
  }
}

type FailureCode = 'write-failed' | 'card-lost';

async function exchange(
  reader: Pn532,
  target: Pn532Target,
  data: number[],
  failure: FailureCode,
): Promise<Uint8Array> {
  try {
    return await reader.dataExchange(target.tg, data);
  } catch (error) {
    throw asCardError(error, failure);
  }
}

function asCardError(error: unknown, failure: FailureCode): unknown {
  if (!(error instanceof Pn532StatusError)) return error;
  const message =
    failure === 'write-failed'
      ? 'The card refused the write (it was moved off the reader, or that part of it is locked). ' +
        'Keep the card still on the reader and try again.'
      : 'The card stopped answering: keep it still on the reader until Talemo says it is done, then try again.';
  return new NfcWriterError(failure, `${message} (${error.message})`, { cause: error });
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) throw nfcCancelledError();
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
  if (signal?.aborted) throw nfcCancelledError();
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} second${seconds === 1 ? '' : 's'}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
