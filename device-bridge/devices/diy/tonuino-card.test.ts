import { describe, expect, it } from 'vitest';

import {
  TonuinoCardError,
  TonuinoMode,
  TonuinoModifier,
  decodeTonuinoCard,
  encodeTonuinoCard,
  type TonuinoCard,
} from './tonuino-card';

const bytes = (text: string): Uint8Array => Uint8Array.from(text.split(' '), (h) => parseInt(h, 16));

/**
 * Expected card bytes derived by hand from tonuino/TonUINO-TNG @ 5c4116c:
 * src/chip_card.cpp:195-203 (cookie big-endian, version, folder, mode, special, special2, 7 × 00),
 * src/constants.hpp:571-572 (cookie 0x1337b347, version 2). The settings are those of TNG's own
 * test test/src/chip_card_tests.cpp:158-168 (`write_card_works`), plus a modifier and an admin card
 * (src/state_machine.cpp:168-169: folder 0, mode 0xFF).
 */
const TNG_CARDS: Array<[TonuinoCard, string]> = [
  [{ folder: 1, mode: 1 }, '13 37 B3 47 02 01 01 00 00 00 00 00 00 00 00 00'],
  [{ folder: 1, mode: 2 }, '13 37 B3 47 02 01 02 00 00 00 00 00 00 00 00 00'],
  [{ folder: 1, mode: 3 }, '13 37 B3 47 02 01 03 00 00 00 00 00 00 00 00 00'],
  [{ folder: 1, mode: 4, special: 1 }, '13 37 B3 47 02 01 04 01 00 00 00 00 00 00 00 00'],
  [{ folder: 1, mode: 5 }, '13 37 B3 47 02 01 05 00 00 00 00 00 00 00 00 00'],
  [{ folder: 1, mode: 7, special: 1, special2: 3 }, '13 37 B3 47 02 01 07 01 03 00 00 00 00 00 00 00'],
  [{ folder: 1, mode: 8, special: 2, special2: 4 }, '13 37 B3 47 02 01 08 02 04 00 00 00 00 00 00 00'],
  [{ folder: 1, mode: 9, special: 5, special2: 9 }, '13 37 B3 47 02 01 09 05 09 00 00 00 00 00 00 00'],
  [{ folder: 1, mode: 10 }, '13 37 B3 47 02 01 0A 00 00 00 00 00 00 00 00 00'],
  [{ folder: 99, mode: 2 }, '13 37 B3 47 02 63 02 00 00 00 00 00 00 00 00 00'],
  [{ folder: 0, mode: 1, special: 15 }, '13 37 B3 47 02 00 01 0F 00 00 00 00 00 00 00 00'],
  [{ folder: 0, mode: 0xff }, '13 37 B3 47 02 00 FF 00 00 00 00 00 00 00 00 00'],
  [{ folder: 0xff, mode: 11 }, '13 37 B3 47 02 FF 0B 00 00 00 00 00 00 00 00 00'],
];

describe('TonUINO card bytes', () => {
  it.each(TNG_CARDS)('encodes %j as TNG writes it', (card, expected) => {
    expect(encodeTonuinoCard(card)).toEqual(bytes(expected));
  });

  it.each(TNG_CARDS)('decodes the bytes of %j back', (card, text) => {
    const decoded = decodeTonuinoCard(bytes(text));
    expect(decoded).toMatchObject({ ...card, version: 2 });
  });

  it('names the kind of card', () => {
    expect(decodeTonuinoCard(encodeTonuinoCard({ folder: 3, mode: TonuinoMode.album })).kind).toBe('folder');
    expect(decodeTonuinoCard(encodeTonuinoCard({ folder: 0, mode: TonuinoModifier.toddler })).kind).toBe(
      'modifier',
    );
    expect(decodeTonuinoCard(encodeTonuinoCard({ folder: 0, mode: TonuinoModifier.adminCard })).kind).toBe(
      'admin',
    );
    expect(decodeTonuinoCard(encodeTonuinoCard({ folder: 255, mode: TonuinoMode.switchBt })).kind).toBe(
      'no-folder',
    );
  });

  it('reads version-1 cards, as TNG does (src/chip_card.cpp:174)', () => {
    const card = decodeTonuinoCard(bytes('13 37 B3 47 01 05 02 00 00 00 00 00 00 00 00 00'));
    expect(card).toMatchObject({ version: 1, folder: 5, mode: 2 });
  });

  it.each([
    ['00 00 00 00 02 01 02 00 00 00 00 00 00 00 00 00', 'empty'],
    ['13 37 B3 48 02 01 02 00 00 00 00 00 00 00 00 00', 'not-tonuino'],
    ['13 37 B3 47 00 01 02 00 00 00 00 00 00 00 00 00', 'bad-version'],
    ['13 37 B3 47 03 01 02 00 00 00 00 00 00 00 00 00', 'bad-version'],
    ['13 37 B3 47 02 64 02 00 00 00 00 00 00 00 00 00', 'invalid-card'],
    ['13 37 B3 47 02 01 11 00 00 00 00 00 00 00 00 00', 'invalid-card'],
    ['13 37 B3 47 02 00 0B 00 00 00 00 00 00 00 00 00', 'invalid-card'],
    ['13 37 B3 47 02 01 02 00 00', 'wrong-length'],
  ])('refuses %s (%s)', (text, code) => {
    expect(() => decodeTonuinoCard(bytes(text))).toThrow(expect.objectContaining({ code }));
  });

  it.each<[TonuinoCard, RegExp]>([
    [{ folder: 100, mode: 2 }, /folder must be 1 to 99/],
    [{ folder: 1, mode: 0 }, /mode must be 1 to 16/],
    [{ folder: 1, mode: 17 }, /mode must be 1 to 16/],
    [{ folder: 1, mode: TonuinoMode.admin }, /admin card is written as folder 0/],
    [{ folder: 1, mode: TonuinoMode.einzel }, /needs the track number/],
    [{ folder: 1, mode: TonuinoMode.albumVonBis, special: 5, special2: 3 }, /special \(first track\)/],
    [{ folder: 0, mode: 11 }, /modifier card/],
    [{ folder: 255, mode: 2 }, /folder 255 is only used/],
    [{ folder: 1, mode: 2, special: 256 }, /special must be a whole number/],
    [{ folder: 1.5, mode: 2 }, /folder must be a whole number/],
  ])('refuses to encode %j', (card, message) => {
    expect(() => encodeTonuinoCard(card)).toThrow(TonuinoCardError);
    expect(() => encodeTonuinoCard(card)).toThrow(message);
  });
});
