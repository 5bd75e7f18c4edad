/**
 * A fake PN532 in HSU mode, for tests: it sits on one end of a socat pseudo-terminal pair and
 * answers the real driver (pn532.ts) on the other end the way the chip does: asleep until it
 * sees 0x55, SAMConfiguration required before listing cards, an ACK frame for every command
 * frame then a response frame, an ACK from the host aborting a pending command, a NACK
 * asking for the last response again, and InListPassiveTarget waiting for a card as long as
 * RFConfiguration's retry count says (forever by default).
 */
import { SerialPort } from 'serialport';

import { makeFakeCard, type FakeCardSpec, type FakeNfcCard } from './fake-nfc-card';
import { Pn532Command } from './pn532';
import {
  PN532_ACK,
  PN532_ERROR_FRAME,
  PN532_TFI_CHIP,
  PN532_TFI_HOST,
  Pn532FrameReader,
  encodePn532Frame,
} from './pn532-frame';
import { startSocatPtyPair, type SocatPtyPair } from './socat-pty-pair';

/** IC 0x32 (PN532), firmware 1.6, supports ISO 14443-A/B and ISO 18092 (7). */
const FIRMWARE = [0x32, 0x01, 0x06, 0x07];
const INFINITE_RETRIES = 0xff;
/** How long a finite InListPassiveTarget search takes before answering "no card". */
const SEARCH_MS = 20;

export interface FakePn532Options {
  card?: FakeCardSpec | null;
}

export class FakePn532Reader {
  /** Command codes in the order they were received. */
  readonly commands: number[] = [];
  private readonly frames = new Pn532FrameReader();
  private awake = false;
  private samConfigured = false;
  private retries = INFINITE_RETRIES;
  private card: FakeNfcCard | null;
  private selected: FakeNfcCard | null = null;
  private lastResponse: Uint8Array | null = null;
  /** An InListPassiveTarget still looking for a card. */
  private searching: { timer: NodeJS.Timeout | null } | null = null;

  private constructor(
    private readonly pair: SocatPtyPair,
    private readonly port: SerialPort,
    options: FakePn532Options,
  ) {
    this.card = options.card ? makeFakeCard(options.card) : null;
    port.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  /** Starts socat in `dir` and listens on its device end; `portPath` is the end to open. */
  static async start(dir: string, options: FakePn532Options = {}): Promise<FakePn532Reader> {
    const pair = await startSocatPtyPair(dir);
    const port = new SerialPort({ path: pair.devicePath, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    return new FakePn532Reader(pair, port, options);
  }

  get portPath(): string {
    return this.pair.hostPath;
  }

  /** Puts a card on the reader; a search in progress finds it. */
  placeCard(spec: FakeCardSpec): FakeNfcCard {
    this.card = makeFakeCard(spec);
    if (this.searching) this.answerSearch();
    return this.card;
  }

  removeCard(): void {
    this.card = null;
  }

  get currentCard(): FakeNfcCard | null {
    return this.card;
  }

  async stop(): Promise<void> {
    if (this.searching?.timer) clearTimeout(this.searching.timer);
    this.searching = null;
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
    await this.pair.close();
  }

  private receive(chunk: Buffer): void {
    let bytes: Uint8Array = chunk;
    if (!this.awake) {
      // Asleep: everything before the wake-up byte 0x55 is lost, as on the chip.
      const at = chunk.indexOf(0x55);
      if (at < 0) return;
      this.awake = true;
      bytes = chunk.subarray(at + 1);
    }
    for (const packet of this.frames.push(bytes)) {
      if (packet.kind === 'ack') this.abortPending();
      else if (packet.kind === 'nack' && this.lastResponse) this.send(this.lastResponse);
      else if (packet.kind === 'frame' && packet.tfi === PN532_TFI_HOST) this.onCommand(packet.data);
    }
  }

  private onCommand(data: Uint8Array): void {
    const code = data[0]!;
    this.commands.push(code);
    this.send(PN532_ACK);
    const params = data.subarray(1);
    switch (code) {
      case Pn532Command.samConfiguration:
        this.samConfigured = true;
        return this.respond(code, []);
      case Pn532Command.getFirmwareVersion:
        return this.respond(code, FIRMWARE);
      case Pn532Command.rfConfiguration:
        if (params[0] === 0x05 && params[3] !== undefined) this.retries = params[3];
        return this.respond(code, []);
      case Pn532Command.inListPassiveTarget:
        if (!this.samConfigured) return this.later(PN532_ERROR_FRAME);
        return this.startSearch();
      case Pn532Command.inDataExchange:
        return this.exchange(code, params);
      case Pn532Command.inRelease:
        this.selected = null;
        return this.respond(code, [0x00]);
      default:
        return this.later(PN532_ERROR_FRAME);
    }
  }

  private startSearch(): void {
    this.selected = null;
    this.searching = { timer: null };
    if (this.card) return this.answerSearch();
    if (this.retries !== INFINITE_RETRIES) {
      this.searching.timer = setTimeout(() => {
        this.searching = null;
        this.respond(Pn532Command.inListPassiveTarget, [0x00]);
      }, SEARCH_MS);
    }
  }

  private answerSearch(): void {
    const card = this.card!;
    if (this.searching?.timer) clearTimeout(this.searching.timer);
    this.searching = null;
    card.select();
    this.selected = card;
    this.respond(Pn532Command.inListPassiveTarget, [
      0x01,
      0x01,
      ...card.atqa,
      card.sak,
      card.uid.length,
      ...card.uid,
    ]);
  }

  private exchange(code: number, params: Uint8Array): void {
    const tg = params[0];
    if (tg !== 0x01 || !this.selected) return this.respond(code, [0x27]);
    // A card taken off the reader stops answering.
    if (this.selected !== this.card) return this.respond(code, [0x01]);
    const answer = this.selected.exchange(params.subarray(1));
    this.respond(code, [answer.status, ...(answer.data ?? [])]);
  }

  private abortPending(): void {
    if (this.searching?.timer) clearTimeout(this.searching.timer);
    this.searching = null;
  }

  private respond(code: number, data: readonly number[]): void {
    this.later(encodePn532Frame(PN532_TFI_CHIP, Uint8Array.of(code + 1, ...data)));
  }

  /** The response goes out after the ACK, as a separate write, like the chip's. */
  private later(frame: Uint8Array): void {
    this.lastResponse = frame;
    setImmediate(() => this.send(frame));
  }

  private send(bytes: Uint8Array): void {
    if (this.port.isOpen) this.port.write(Buffer.from(bytes));
  }
}
