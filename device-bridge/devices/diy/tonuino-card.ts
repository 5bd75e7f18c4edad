/**
 * The 16 bytes a TonUINO box reads from an NFC card, exactly as TonUINO-TNG writes them.
 *
 * Sources (tonuino/TonUINO-TNG @ 5c4116c):
 * - src/chip_card.cpp:195-203 the write buffer: cookie (4 bytes, big-endian), version, folder,
 *   mode, special, special2, then seven 0x00.
 * - src/constants.hpp:571-572 `cardCookie = 0x1337b347`, `cardVersion = 0x02`.
 * - src/chip_card.cpp:163-186 the reader: cookie 0 means an empty card, any other cookie a
 *   foreign one; version must be 1..cardVersion.
 * - src/chip_card.hpp:10-44 the mode numbers (folder modes, modifier modes, admin card 0xFF).
 * - src/state_machine.cpp:167-176 admin cards are folder 0 + mode 0xFF; "repeat last" and
 *   "switch BT" cards carry the dummy folder 0xFF.
 */

/** `cardCookie` (TNG src/constants.hpp:571). */
export const TONUINO_CARD_COOKIE = 0x1337b347;
/** `cardVersion` (TNG src/constants.hpp:572); readers accept 1..2 (src/chip_card.cpp:174). */
export const TONUINO_CARD_VERSION = 2;
/** `buffferSizeWrite` (TNG src/chip_card.cpp:18): one MIFARE Classic block, four NTAG pages. */
export const TONUINO_CARD_BYTES = 16;
/** Content folders `01`..`99` (the admin menu offers 99: TNG src/state_machine.cpp:206). */
export const TONUINO_MAX_FOLDER = 99;
/** Folder byte of a modifier or admin card. */
export const TONUINO_MODIFIER_FOLDER = 0;
/** Dummy folder of "repeat last" and "switch BT" cards (TNG src/state_machine.cpp:174). */
export const TONUINO_NO_FOLDER = 0xff;

/** Play modes of a folder card (`pmode_t`, TNG src/chip_card.hpp:13-29). */
export const TonuinoMode = {
  hoerspiel: 1,
  album: 2,
  party: 3,
  einzel: 4,
  hoerbuch: 5,
  admin: 6,
  hoerspielVonBis: 7,
  albumVonBis: 8,
  partyVonBis: 9,
  hoerbuchEinzel: 10,
  repeatLast: 11,
  quizGame: 12,
  memoryGame: 13,
  switchBt: 14,
  teapotGame: 15,
  hoerbuchVonBis: 16,
} as const;

/** Modes of a modifier card, folder 0 (`pmode_t`, TNG src/chip_card.hpp:31-43). */
export const TonuinoModifier = {
  sleepTimer: 1,
  freezeDance: 2,
  fiWaAi: 3,
  toddler: 4,
  kindergarten: 5,
  repeatSingle: 6,
  btModule: 7,
  jukebox: 8,
  pauseAfterTrack: 9,
  standbyTimerSwitch: 10,
  adminCard: 0xff,
} as const;

const VON_BIS_MODES: ReadonlySet<number> = new Set([
  TonuinoMode.hoerspielVonBis,
  TonuinoMode.albumVonBis,
  TonuinoMode.partyVonBis,
  TonuinoMode.hoerbuchVonBis,
]);
const NO_FOLDER_MODES: ReadonlySet<number> = new Set([TonuinoMode.repeatLast, TonuinoMode.switchBt]);

export interface TonuinoCard {
  /** 1..99 for a folder card, 0 for a modifier/admin card, 0xFF for repeat-last / switch-BT. */
  folder: number;
  mode: number;
  /** Single mode: the track; von-bis modes: the first track; modifiers: their setting. */
  special?: number;
  /** Von-bis modes: the last track. */
  special2?: number;
}

export type TonuinoCardKind = 'folder' | 'modifier' | 'admin' | 'no-folder';

export interface DecodedTonuinoCard extends Required<TonuinoCard> {
  version: number;
  kind: TonuinoCardKind;
}

export type TonuinoCardErrorCode = 'invalid-card' | 'wrong-length' | 'empty' | 'not-tonuino' | 'bad-version';

export class TonuinoCardError extends Error {
  override readonly name = 'TonuinoCardError';
  constructor(
    readonly code: TonuinoCardErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The 16 bytes TNG's `Chip_card::writeCard` puts on a card for these settings. */
export function encodeTonuinoCard(card: TonuinoCard): Uint8Array {
  const full = {
    folder: card.folder,
    mode: card.mode,
    special: card.special ?? 0,
    special2: card.special2 ?? 0,
  };
  checkCard(full);
  const bytes = new Uint8Array(TONUINO_CARD_BYTES);
  new DataView(bytes.buffer).setUint32(0, TONUINO_CARD_COOKIE, false);
  bytes[4] = TONUINO_CARD_VERSION;
  bytes[5] = full.folder;
  bytes[6] = full.mode;
  bytes[7] = full.special;
  bytes[8] = full.special2;
  return bytes;
}

/**
 * Reads a card block back. Refuses what TNG would not play (empty, foreign cookie, version
 * outside 1..2) and settings outside the ranges above, each with its own code.
 */
export function decodeTonuinoCard(bytes: Uint8Array): DecodedTonuinoCard {
  if (bytes.length !== TONUINO_CARD_BYTES) {
    throw new TonuinoCardError(
      'wrong-length',
      `A TonUINO card holds ${TONUINO_CARD_BYTES} bytes; got ${bytes.length}.`,
    );
  }
  const cookie = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(0, false);
  if (cookie === 0)
    throw new TonuinoCardError('empty', 'This card is blank: it holds no TonUINO settings yet.');
  if (cookie !== TONUINO_CARD_COOKIE) {
    throw new TonuinoCardError(
      'not-tonuino',
      `This card belongs to something else (it starts with ${hex(bytes.subarray(0, 4))}, not TonUINO's 13 37 B3 47).`,
    );
  }
  const version = bytes[4]!;
  if (version === 0 || version > TONUINO_CARD_VERSION) {
    throw new TonuinoCardError(
      'bad-version',
      `This TonUINO card has format version ${version}; TonUINO-TNG reads versions 1 to ${TONUINO_CARD_VERSION}.`,
    );
  }
  const card = { folder: bytes[5]!, mode: bytes[6]!, special: bytes[7]!, special2: bytes[8]! };
  checkCard(card);
  return { ...card, version, kind: kindOf(card) };
}

function kindOf(card: Required<TonuinoCard>): TonuinoCardKind {
  if (card.folder === TONUINO_MODIFIER_FOLDER)
    return card.mode === TonuinoModifier.adminCard ? 'admin' : 'modifier';
  return card.folder === TONUINO_NO_FOLDER ? 'no-folder' : 'folder';
}

function checkCard(card: Required<TonuinoCard>): void {
  for (const key of ['folder', 'mode', 'special', 'special2'] as const) {
    const value = card[key];
    if (!Number.isInteger(value) || value < 0 || value > 255) {
      throw invalid(`${key} must be a whole number from 0 to 255, got ${String(value)}`);
    }
  }
  if (card.folder === TONUINO_MODIFIER_FOLDER) return checkModifier(card.mode);
  if (card.folder === TONUINO_NO_FOLDER) {
    if (!NO_FOLDER_MODES.has(card.mode)) {
      throw invalid(
        `folder 255 is only used by "repeat last" (11) and "switch BT" (14) cards, not mode ${card.mode}`,
      );
    }
    return;
  }
  if (card.folder > TONUINO_MAX_FOLDER) {
    throw invalid(`folder must be 1 to ${TONUINO_MAX_FOLDER} (0 for a modifier card), got ${card.folder}`);
  }
  checkFolderMode(card);
}

function checkModifier(mode: number): void {
  const ok =
    (mode >= TonuinoModifier.sleepTimer && mode <= TonuinoModifier.standbyTimerSwitch) || mode === 0xff;
  if (!ok) throw invalid(`a modifier card (folder 0) takes mode 1 to 10 or 255 (admin card), got ${mode}`);
}

function checkFolderMode(card: Required<TonuinoCard>): void {
  const { mode, special, special2 } = card;
  if (mode < TonuinoMode.hoerspiel || mode > TonuinoMode.hoerbuchVonBis) {
    throw invalid(`mode must be 1 to 16 for a folder card, got ${mode}`);
  }
  if (mode === TonuinoMode.admin) {
    throw invalid('an admin card is written as folder 0 with mode 255, not as mode 6 on a folder');
  }
  if (NO_FOLDER_MODES.has(mode)) {
    throw invalid(`mode ${mode} ("repeat last" / "switch BT") cards use folder 255, not a folder number`);
  }
  if (mode === TonuinoMode.einzel && special === 0) {
    throw invalid('a single-track card (mode 4) needs the track number in special (1 to 255)');
  }
  if (VON_BIS_MODES.has(mode) && (special === 0 || special2 < special)) {
    throw invalid(
      `a from-to card (mode ${mode}) needs 1 <= special (first track) <= special2 (last track), got ${special}..${special2}`,
    );
  }
}

function invalid(detail: string): TonuinoCardError {
  return new TonuinoCardError('invalid-card', `Invalid TonUINO card: ${detail}.`);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}
