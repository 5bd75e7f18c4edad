import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FakePn532Reader } from './fake-pn532-reader';
import { readTonuinoCardWithPn532, writeTonuinoCardWithPn532, type NfcStep } from './nfc-card-writer';
import { NfcWriterError } from './nfc-writer-error';
import { socatInstalled, startSocatPtyPair } from './socat-pty-pair';
import { TonuinoMode } from './tonuino-card';

const bytes = (text: string): Uint8Array => Uint8Array.from(text.split(' '), (h) => parseInt(h, 16));

/** Album card for folder 7: TNG src/chip_card.cpp:195-203 with cookie/version of src/constants.hpp:571-572. */
const ALBUM_7 = bytes('13 37 B3 47 02 07 02 00 00 00 00 00 00 00 00 00');
const ZEROS = new Uint8Array(16);
/** The key NFC Forum-formatted MIFARE Classic cards put on their data sectors. */
const NDEF_KEY_A = bytes('D3 F7 D3 F7 D3 F7');

const hasSocat = socatInstalled();
if (!hasSocat) console.warn('PN532 serial tests skipped: socat not installed');

describe.skipIf(!hasSocat)(
  `writing a TonUINO card through a PN532 on a socat pty pair${hasSocat ? '' : ' (skipped: socat not installed)'}`,
  () => {
    let dir: string;
    let fake: FakePn532Reader | undefined;

    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'talemo-pn532-'));
    });
    afterEach(async () => {
      await fake?.stop();
      fake = undefined;
      await rm(dir, { recursive: true, force: true });
    });

    it('writes block 4 of a MIFARE Classic 1K and reads it back', async () => {
      fake = await FakePn532Reader.start(dir, { card: { type: 'mifare-classic-1k' } });
      const steps: NfcStep[] = [];
      const written = await writeTonuinoCardWithPn532(
        fake.portPath,
        { folder: 7, mode: TonuinoMode.album },
        { onStep: (step) => steps.push(step) },
      );
      expect(written.type).toBe('mifare-classic-1k');
      expect(written.uidText).toBe('DE:AD:BE:EF');
      expect(written.bytes).toEqual(ALBUM_7);
      expect(fake.currentCard!.peek(4)).toEqual(ALBUM_7);
      // Neighbouring blocks untouched.
      expect(fake.currentCard!.peek(5)).toEqual(ZEROS);
      expect(fake.currentCard!.peek(8)).toEqual(ZEROS);
      // The fake ignores everything before the 0x55 wake-up; the first command it took is SAMConfiguration.
      expect(fake.commands[0]).toBe(0x14);
      expect(steps).toEqual([
        'opening-port',
        'waking-reader',
        'waiting-for-card',
        'writing',
        'verifying',
        'done',
      ]);
    });

    it('writes pages 8 to 11 of an NTAG215 and names the model', async () => {
      fake = await FakePn532Reader.start(dir, { card: { type: 'ntag215' } });
      const written = await writeTonuinoCardWithPn532(fake.portPath, { folder: 7, mode: TonuinoMode.album });
      expect(written).toMatchObject({
        type: 'mifare-ultralight',
        model: 'NTAG215',
        uidText: '04:5A:3C:12:9A:61:80',
      });
      expect(fake.currentCard!.peek(8)).toEqual(ALBUM_7);
      expect(fake.currentCard!.peek(4)).toEqual(ZEROS);
      expect(fake.currentCard!.peek(12)).toEqual(ZEROS);
    });

    it('reads a written card back as TonUINO settings, and a blank one as empty', async () => {
      fake = await FakePn532Reader.start(dir, { card: { type: 'ntag213' } });
      const blank = await readTonuinoCardWithPn532(fake.portPath);
      expect(blank.tonuino).toBeNull();
      expect(blank.problem?.code).toBe('empty');
      await writeTonuinoCardWithPn532(fake.portPath, { folder: 12, mode: TonuinoMode.einzel, special: 3 });
      const read = await readTonuinoCardWithPn532(fake.portPath);
      expect(read.model).toBe('NTAG213');
      expect(read.tonuino).toMatchObject({ folder: 12, mode: 4, special: 3, special2: 0, kind: 'folder' });
    });

    it('waits for a card put on the reader later', async () => {
      fake = await FakePn532Reader.start(dir, { card: null });
      const reader = fake;
      const writing = writeTonuinoCardWithPn532(
        fake.portPath,
        { folder: 7, mode: TonuinoMode.album },
        {
          cardWaitMs: 10_000,
          onStep: (step) => {
            if (step === 'waiting-for-card')
              setTimeout(() => reader.placeCard({ type: 'mifare-classic-1k' }), 250);
          },
        },
      );
      await expect(writing).resolves.toMatchObject({ type: 'mifare-classic-1k' });
      expect(fake.currentCard!.peek(4)).toEqual(ALBUM_7);
    });

    it('gives up with a "no card" error naming the port when no card comes', async () => {
      fake = await FakePn532Reader.start(dir, { card: null });
      const error = await writeTonuinoCardWithPn532(
        fake.portPath,
        { folder: 7, mode: TonuinoMode.album },
        { cardWaitMs: 400 },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NfcWriterError);
      expect(error).toMatchObject({ code: 'no-card' });
      expect((error as Error).message).toContain(fake.portPath);
      expect((error as Error).message).toContain('0.4 seconds');
    });

    it('reports a card whose sector 1 has another key as an authentication failure, leaving it unchanged', async () => {
      fake = await FakePn532Reader.start(dir, {
        card: { type: 'mifare-classic-1k', keysA: { 1: NDEF_KEY_A } },
      });
      const error = await writeTonuinoCardWithPn532(fake.portPath, {
        folder: 7,
        mode: TonuinoMode.album,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'auth-failed' });
      expect((error as Error).message).toMatch(/FF FF FF FF FF FF/);
      expect(fake.currentCard!.peek(4)).toEqual(ZEROS);
    });

    it('says no reader answered when nothing listens on the port', async () => {
      const pair = await startSocatPtyPair(dir);
      try {
        const error = await writeTonuinoCardWithPn532(
          pair.hostPath,
          { folder: 7, mode: TonuinoMode.album },
          { ackTimeoutMs: 150 },
        ).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'no-reader' });
        expect((error as Error).message).toContain(pair.hostPath);
      } finally {
        await pair.close();
      }
    });

    it('says the port does not exist', async () => {
      const missing = join(dir, 'ttyUSB-nothing');
      await expect(writeTonuinoCardWithPn532(missing, { folder: 7, mode: 2 })).rejects.toMatchObject({
        code: 'port-not-found',
        message: expect.stringContaining(missing),
      });
    });

    it('stops when cancelled while waiting for a card, and frees the port', async () => {
      fake = await FakePn532Reader.start(dir, { card: null });
      const controller = new AbortController();
      const writing = writeTonuinoCardWithPn532(
        fake.portPath,
        { folder: 7, mode: TonuinoMode.album },
        {
          cardWaitMs: 10_000,
          signal: controller.signal,
          onStep: (step) => {
            if (step === 'waiting-for-card') setTimeout(() => controller.abort(), 100);
          },
        },
      );
      await expect(writing).rejects.toMatchObject({ code: 'cancelled' });
      fake.placeCard({ type: 'mifare-classic-1k' });
      await expect(writeTonuinoCardWithPn532(fake.portPath, { folder: 7, mode: 2 })).resolves.toMatchObject({
        bytes: ALBUM_7,
      });
    });

    it('refuses invalid settings before touching the reader', async () => {
      fake = await FakePn532Reader.start(dir, { card: { type: 'mifare-classic-1k' } });
      await expect(writeTonuinoCardWithPn532(fake.portPath, { folder: 120, mode: 2 })).rejects.toMatchObject({
        code: 'invalid-card',
      });
      expect(fake.commands).toEqual([]);
    });
  },
);
