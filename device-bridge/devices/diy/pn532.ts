/**
 * A PN532 NFC reader on a serial port in HSU mode (115200 baud, 8N1), the commands a card
 * write needs: wake-up + SAMConfiguration, GetFirmwareVersion, RFConfiguration (retries),
 * InListPassiveTarget (ISO 14443-A) and InDataExchange.
 *
 * Protocol (NXP UM0701-02): each command frame is answered by an ACK frame, then by a
 * response frame whose command code is the request's plus one. The host aborts a pending
 * command by sending an ACK itself (§6.2.1.3), and asks for a damaged response again with a
 * NACK. In HSU mode the chip sleeps after power-on until it sees 0x55 on its RX line and then
 * needs a SAMConfiguration before anything else (§3.1.3.1 / PN532 C106 application note);
 * libnfc's pn532_uart driver sends 55 55 followed by zeros for that, and so do we.
 */
import { stat } from 'node:fs/promises';

import { SerialPort } from 'serialport';

import { NfcWriterError, nfcCancelledError } from './nfc-writer-error';
import {
  PN532_ACK,
  PN532_NACK,
  PN532_TFI_CHIP,
  Pn532FrameReader,
  encodePn532Command,
  type Pn532Packet,
} from './pn532-frame';

export const PN532_BAUD_RATE = 115_200;
const WAKE_UP = Uint8Array.of(0x55, 0x55, ...new Array<number>(14).fill(0x00));

export const Pn532Command = {
  getFirmwareVersion: 0x02,
  samConfiguration: 0x14,
  rfConfiguration: 0x32,
  inDataExchange: 0x40,
  inListPassiveTarget: 0x4a,
  inRelease: 0x52,
} as const;

/** IC byte of GetFirmwareVersion for a PN532 (UM0701-02 §7.2.2). */
const PN532_IC = 0x32;

/** InDataExchange status codes (UM0701-02 §7.1, Table "Error code list"), low 6 bits. */
export const Pn532Status = {
  ok: 0x00,
  timeout: 0x01,
  crc: 0x02,
  parity: 0x03,
  framing: 0x05,
  invalidParameter: 0x10,
  mifareAuth: 0x14,
  contextWrong: 0x27,
  cardGone: 0x2b,
} as const;

const STATUS_TEXT: Record<number, string> = {
  0x01: 'the card did not answer',
  0x02: 'CRC error',
  0x03: 'parity error',
  0x05: 'framing error',
  0x10: 'invalid parameter',
  0x13: 'data format does not match the specification',
  0x14: 'MIFARE authentication error',
  0x27: 'command not acceptable in the current context',
  0x2b: 'the card disappeared',
};

export interface Pn532Options {
  /** How long to wait for the chip's ACK of a command (default 500 ms). */
  ackTimeoutMs?: number;
  /** How long to wait for a response after the ACK (default 2000 ms). */
  responseTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface Pn532Firmware {
  ic: number;
  version: number;
  revision: number;
  support: number;
}

/** A card found by InListPassiveTarget at 106 kbit/s type A. */
export interface Pn532Target {
  /** Logical number the chip gave it; InDataExchange addresses it. */
  tg: number;
  /** ATQA, as the chip sends it (2 bytes). */
  sensRes: Uint8Array;
  /** SAK: says which kind of card it is. */
  selRes: number;
  uid: Uint8Array;
}

/** InDataExchange answered with a non-zero status. */
export class Pn532StatusError extends Error {
  override readonly name = 'Pn532StatusError';
  constructor(readonly status: number) {
    super(`PN532 status 0x${status.toString(16).padStart(2, '0')}: ${STATUS_TEXT[status] ?? 'error'}`);
  }
}

type Waiter = (packet: Pn532Packet | Error) => void;

export class Pn532 {
  private readonly frames = new Pn532FrameReader();
  private readonly packets: Pn532Packet[] = [];
  private waiter: Waiter | null = null;
  private failure: Error | null = null;
  private readonly ackTimeoutMs: number;
  private readonly responseTimeoutMs: number;
  private readonly signal: AbortSignal | undefined;

  private constructor(
    private readonly port: SerialPort,
    readonly path: string,
    options: Pn532Options,
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 500;
    this.responseTimeoutMs = options.responseTimeoutMs ?? 2000;
    this.signal = options.signal;
    port.on('data', (chunk: Buffer) => {
      for (const packet of this.frames.push(chunk)) this.deliver(packet);
    });
    port.on('error', (error: Error) => this.fail(error));
    port.on('close', () => this.fail(new Error('the serial port was closed')));
  }

  /** Opens `path` at 115200 baud; says clearly when the port is missing or busy. */
  static async open(path: string, options: Pn532Options = {}): Promise<Pn532> {
    if (options.signal?.aborted) throw nfcCancelledError();
    if (process.platform !== 'win32') await ensurePortExists(path);
    const port = new SerialPort({ path, baudRate: PN532_BAUD_RATE, autoOpen: false });
    await new Promise<void>((resolve, reject) => {
      port.open((error) => (error ? reject(portUnavailable(path, error)) : resolve()));
    });
    return new Pn532(port, path, options);
  }

  /**
   * Wakes the chip and leaves its low-power state (SAMConfiguration, normal mode), then checks
   * it is a PN532. No answer at all means no reader on this port.
   */
  async wakeUp(): Promise<Pn532Firmware> {
    // Two tries: a chip deep in power-down can miss the first command after the 0x55s.
    for (let attempt = 1; ; attempt += 1) {
      await this.write(WAKE_UP);
      try {
        // Normal mode (1), virtual-card timeout 0x14 × 50 ms, use the IRQ pin (1).
        await this.command(Pn532Command.samConfiguration, [0x01, 0x14, 0x01]);
        break;
      } catch (error) {
        if (!(error instanceof NfcWriterError && error.code === 'no-reader') || attempt === 2) throw error;
      }
    }
    const [ic, version, revision, support] = await this.command(Pn532Command.getFirmwareVersion);
    if (ic !== PN532_IC || version === undefined || revision === undefined || support === undefined) {
      throw new NfcWriterError(
        'not-pn532',
        `The device on ${this.path} answered, but it is not a PN532 NFC reader (chip id ${ic ?? 'missing'}).`,
      );
    }
    return { ic, version, revision, support };
  }

  /**
   * How many times InListPassiveTarget tries to find a card before answering "none"
   * (RFConfiguration item 5, MxRtyPassiveActivation). 0xFF, the chip's default, means forever.
   */
  async setPassiveActivationRetries(retries: number): Promise<void> {
    await this.command(Pn532Command.rfConfiguration, [0x05, 0xff, 0x01, retries]);
  }

  /** One 106 kbit/s type A card on the reader, or null when none answered. */
  async listPassiveTarget(): Promise<Pn532Target | null> {
    const data = await this.command(Pn532Command.inListPassiveTarget, [0x01, 0x00]);
    return parseTarget(data);
  }

  /** Sends `data` to the card `tg`; returns what the card answered (status 0 only). */
  async dataExchange(tg: number, data: Uint8Array | readonly number[]): Promise<Uint8Array> {
    const answer = await this.command(Pn532Command.inDataExchange, [tg, ...data]);
    const status = (answer[0] ?? 0xff) & 0x3f;
    if (status !== Pn532Status.ok) throw new Pn532StatusError(status);
    return answer.subarray(1);
  }

  /** Lets the card go (it stops answering until it is listed again). */
  async release(tg: number): Promise<void> {
    await this.command(Pn532Command.inRelease, [tg]);
  }

  async close(): Promise<void> {
    if (!this.port.isOpen) return;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  /** Sends a command and returns the response's data after its command code. */
  async command(code: number, params: readonly number[] = []): Promise<Uint8Array> {
    this.packets.length = 0;
    const frame = encodePn532Command(code, params);
    await this.write(frame);
    await this.awaitAck(frame, code);
    return this.awaitResponse(code);
  }

  private async awaitAck(frame: Uint8Array, code: number): Promise<void> {
    let resent = false;
    for (;;) {
      const packet = await this.next(this.ackTimeoutMs, code);
      if (packet === 'timeout') {
        throw new NfcWriterError(
          'no-reader',
          `No PN532 NFC reader answered on ${this.path}. Check that the reader is plugged in on this port, ` +
            'that it is set to HSU (serial) mode, and its wiring (TX to RX).',
        );
      }
      if (packet.kind === 'ack') return;
      if (packet.kind === 'nack' && !resent) {
        resent = true;
        await this.write(frame);
      } else if (packet.kind === 'error') {
        throw readerError(this.path, 'the reader could not understand a command');
      }
      // Anything else is a stale answer to an earlier, aborted command: skip it.
    }
  }

  private async awaitResponse(code: number): Promise<Uint8Array> {
    let nacks = 0;
    for (;;) {
      const packet = await this.next(this.responseTimeoutMs, code);
      if (packet === 'timeout') {
        await this.write(PN532_ACK);
        throw readerError(this.path, `no response to command 0x${code.toString(16)} in time`);
      }
      if (packet.kind === 'frame' && packet.tfi === PN532_TFI_CHIP && packet.data[0] === code + 1) {
        return packet.data.subarray(1);
      }
      if (packet.kind === 'corrupt' && nacks < 2) {
        nacks += 1;
        await this.write(PN532_NACK);
      } else if (packet.kind === 'corrupt' || packet.kind === 'error') {
        throw readerError(
          this.path,
          packet.kind === 'error' ? 'the reader rejected a command' : packet.reason,
        );
      }
    }
  }

  /** The next packet, 'timeout', or a throw on cancel (the pending command is aborted first). */
  private async next(timeoutMs: number, code: number): Promise<Pn532Packet | 'timeout'> {
    const queued = this.packets.shift();
    if (queued) return queued;
    if (this.failure) throw readerError(this.path, this.failure.message, this.failure);
    const result = await new Promise<Pn532Packet | Error | 'timeout' | 'aborted'>((resolve) => {
      const done = (value: Pn532Packet | Error | 'timeout' | 'aborted'): void => {
        clearTimeout(timer);
        this.signal?.removeEventListener('abort', onAbort);
        this.waiter = null;
        resolve(value);
      };
      const onAbort = (): void => done('aborted');
      const timer = setTimeout(() => done('timeout'), timeoutMs);
      if (this.signal?.aborted) return done('aborted');
      this.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = done;
    });
    if (result === 'aborted') {
      // Why: the chip keeps working on the command (InListPassiveTarget waits for a card
      // forever) unless the host aborts it with an ACK.
      await this.write(PN532_ACK).catch(() => {});
      throw nfcCancelledError();
    }
    if (result instanceof Error)
      throw readerError(this.path, `${result.message} (command 0x${code.toString(16)})`, result);
    return result;
  }

  private deliver(packet: Pn532Packet): void {
    if (this.waiter) this.waiter(packet);
    else this.packets.push(packet);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiter?.(error);
  }

  private async write(bytes: Uint8Array): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (error) => (error ? reject(error) : resolve()));
    });
    await new Promise<void>((resolve, reject) =>
      this.port.drain((error) => (error ? reject(error) : resolve())),
    );
  }
}

function parseTarget(data: Uint8Array): Pn532Target | null {
  // NbTg, Tg, SENS_RES (2), SEL_RES, NFCIDLength, NFCID1… (UM0701-02 §7.3.5, 106 kbps type A)
  if ((data[0] ?? 0) === 0) return null;
  const uidLength = data[5] ?? 0;
  if (data.length < 6 + uidLength)
    throw new NfcWriterError('reader-error', 'The reader sent a truncated card description.');
  return {
    tg: data[1]!,
    sensRes: data.slice(2, 4),
    selRes: data[4]!,
    uid: data.slice(6, 6 + uidLength),
  };
}

async function ensurePortExists(path: string): Promise<void> {
  try {
    await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    throw new NfcWriterError(
      'port-not-found',
      `There is no serial port ${path}. Plug in the NFC reader, or pick its port from the list.`,
      { cause: error },
    );
  }
}

function portUnavailable(path: string, cause: Error): NfcWriterError {
  const text = cause.message;
  const hint = /permission|access/i.test(text)
    ? process.platform === 'linux'
      ? ' Your user may lack the right to use serial ports (on Linux, join the "dialout" group and log in again).'
      : ' Your user may lack the right to use this port.'
    : /lock|busy|in use/i.test(text)
      ? ' Another program is using it; close that program first.'
      : '';
  return new NfcWriterError('port-unavailable', `Cannot open the serial port ${path}.${hint}`, { cause });
}

function readerError(path: string, detail: string, cause?: unknown): NfcWriterError {
  return new NfcWriterError(
    'reader-error',
    `The NFC reader on ${path} stopped answering properly (${detail}).`,
    {
      cause,
    },
  );
}
