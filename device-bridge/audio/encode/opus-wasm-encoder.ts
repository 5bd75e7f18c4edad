/**
 * libopus (BSD) compiled to wasm, from the opusscript package: one encoder at 48 kHz that
 * turns interleaved 16-bit frames into raw Opus packets. Only packets come out; the Ogg
 * pages around them are ours (ogg-page-writer.ts).
 *
 * We drive opusscript's wasm module and its C++ handler directly instead of its `OpusScript`
 * class, because that class (0.1.1) places its PCM buffer at twice the address it
 * allocated (a byte address used as a 16-bit index), so every encode writes over whatever
 * else lives there: with a few encoders in one process it corrupted another encoder's
 * state and crashed on delete. Here the buffers are our own allocations.
 *
 * Frames are always 20 ms: libopus in this build needs 57 of its 64 KiB of stack for a
 * 20 ms stereo frame and overruns the stack at 60 ms stereo (wasm-stack-guard.ts), so longer
 * packets are built by joining 20 ms frames (`joinOpusPackets`), which is what libopus
 * itself does for 40 and 60 ms CELT packets. A stack guard checks every call anyway.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { StackGuard, emscriptenStackLayout } from './wasm-stack-guard.js';

// opus_defines.h
const OPUS_APPLICATION_AUDIO = 2049;
const OPUS_SET_BITRATE = 4002;
const OPUS_GET_LOOKAHEAD = 4027;
/** What the handler's C++ `_encode` may write: three 1275-byte frames and their framing. */
const MAX_PACKET_BYTES = 1276 * 3;
/** The one frame length this encoder produces: 20 ms at 48 kHz. */
export const OPUS_FRAME_SAMPLES = 960;

interface OpusHandler {
  /** Encodes `bytes` bytes of little-endian PCM that sit one byte per 16-bit slot at `input`. */
  _encode(input: number, bytes: number, output: number, frameSize: number): number;
  _encoder_ctl(request: number, value: number): number;
}

interface OpusNativeModule {
  OpusScriptHandler: {
    new (sampleRate: number, channels: number, application: number): OpusHandler;
    destroy_handler(handler: OpusHandler): void;
  };
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  HEAPU8: Uint8Array;
  HEAPU16: Uint16Array;
  HEAP32: Int32Array;
}

export class OpusWasmError extends Error {
  override name = 'OpusWasmError';
}

interface OpusRuntime {
  module: OpusNativeModule;
  guard: StackGuard;
  /** Whether `_encode` with a byte count of 0 reads plain 16-bit samples (see probeDirectPcm). */
  directPcm: boolean;
}

let runtime: OpusRuntime | undefined;

/** One wasm instance per process (it instantiates synchronously); encoders share it. */
function opusRuntime(): OpusRuntime {
  if (!runtime) {
    const require = createRequire(import.meta.url);
    const factory = require('opusscript/build/opusscript_native_wasm.js') as () => unknown;
    const module = factory() as Partial<OpusNativeModule>;
    if (typeof module.OpusScriptHandler !== 'function' || typeof module._malloc !== 'function') {
      throw new OpusWasmError('opusscript wasm module has changed shape: no OpusScriptHandler/_malloc');
    }
    const native = module as OpusNativeModule;
    const wasm = readFileSync(require.resolve('opusscript/build/opusscript_native_wasm.wasm'));
    const guard = new StackGuard(emscriptenStackLayout(wasm), () => native.HEAPU8);
    guard.paint();
    runtime = { module: native, guard, directPcm: probeDirectPcm(native) };
  }
  return runtime;
}

/**
 * The handler's `_encode` first packs its "one byte per 16-bit slot" input into samples,
 * for as many slots as the byte count says; with a count of 0 it takes the buffer as
 * samples already, which saves two copies per frame. That is an implementation detail, so
 * it is used only if a test frame encodes to the same packet both ways.
 */
function probeDirectPcm(native: OpusNativeModule): boolean {
  const samples = OPUS_FRAME_SAMPLES;
  const input = native._malloc(samples * 4);
  const output = native._malloc(MAX_PACKET_BYTES);
  const packets: Uint8Array[] = [];
  try {
    for (const direct of [false, true]) {
      const handler = new native.OpusScriptHandler(48000, 1, OPUS_APPLICATION_AUDIO);
      const pcm = Int16Array.from({ length: samples }, (_, i) => Math.round(9000 * Math.sin(i / 7)));
      if (direct) new Int16Array(native.HEAPU8.buffer, input, samples).set(pcm);
      else {
        const bytes = new Uint8Array(pcm.buffer);
        new Uint16Array(native.HEAPU8.buffer, input, bytes.length).set(bytes);
      }
      const length = handler._encode(input, direct ? 0 : samples * 2, output, samples);
      packets.push(native.HEAPU8.slice(output, output + Math.max(0, length)));
      native.OpusScriptHandler.destroy_handler(handler);
    }
  } finally {
    native._free(input);
    native._free(output);
  }
  const [slots, direct] = packets as [Uint8Array, Uint8Array];
  return slots.length > 0 && Buffer.compare(slots, direct) === 0;
}

export class OpusWasmEncoder {
  private readonly runtime = opusRuntime();
  private readonly native = this.runtime.module;
  private readonly handler: OpusHandler;
  private readonly input: number;
  private readonly output: number;
  private readonly pcm: Int16Array;
  private readonly pcmBytes: Uint8Array;
  private closed = false;
  /** Samples the decoder must drop at the start (the Ogg Opus pre-skip). */
  readonly lookahead: number;

  readonly frameSamples = OPUS_FRAME_SAMPLES;

  constructor(
    readonly channels: 1 | 2,
    bitrateKbps: number,
  ) {
    this.handler = new this.native.OpusScriptHandler(48000, channels, OPUS_APPLICATION_AUDIO);
    const bytes = OPUS_FRAME_SAMPLES * channels * 2;
    this.input = this.native._malloc(bytes * 2); // one 16-bit slot per PCM byte
    this.output = this.native._malloc(MAX_PACKET_BYTES);
    this.ctl(OPUS_SET_BITRATE, bitrateKbps * 1000);
    this.lookahead = this.readInt(OPUS_GET_LOOKAHEAD);
    this.pcm = new Int16Array(OPUS_FRAME_SAMPLES * channels);
    // Little-endian bytes of the frame; every platform Node runs on is little-endian.
    this.pcmBytes = new Uint8Array(this.pcm.buffer);
  }

  /** The frame to fill before `encodeFrame`: interleaved, `frameSamples` per channel. */
  get frame(): Int16Array {
    return this.pcm;
  }

  encodeFrame(): Uint8Array {
    const bytes = this.pcmBytes;
    if (this.runtime.directPcm)
      new Int16Array(this.native.HEAPU8.buffer, this.input, this.pcm.length).set(this.pcm);
    else new Uint16Array(this.native.HEAPU8.buffer, this.input, bytes.length).set(bytes);
    const byteCount = this.runtime.directPcm ? 0 : bytes.length;
    const length = this.handler._encode(this.input, byteCount, this.output, this.frameSamples);
    this.checkStack();
    if (length < 0) throw new OpusWasmError(`libopus encode failed (${length})`);
    return this.native.HEAPU8.slice(this.output, this.output + length);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.native.OpusScriptHandler.destroy_handler(this.handler);
    this.native._free(this.input);
    this.native._free(this.output);
  }

  /**
   * A call that reached the guard bytes came within 4 KiB of overwriting static data: the
   * module is dropped (the next encoder gets a fresh one) and the encode fails.
   */
  private checkStack(): void {
    if (!this.runtime.guard.tripped()) return;
    if (runtime === this.runtime) runtime = undefined;
    this.closed = true;
    throw new OpusWasmError('libopus nearly ran out of wasm stack; the encode was stopped before any damage');
  }

  private ctl(request: number, value: number): void {
    const status = this.handler._encoder_ctl(request, value);
    this.checkStack();
    if (status < 0) throw new OpusWasmError(`libopus ctl ${request} failed (${status})`);
  }

  /** A GET request: libopus writes the answer through a pointer; lend it our output buffer. */
  private readInt(request: number): number {
    this.ctl(request, this.output);
    return this.native.HEAP32[this.output >> 2]!;
  }
}
