/**
 * LAME (the MP3 encoder, LGPL) compiled to WebAssembly, driven directly.
 *
 * The wasm comes from @mediabunny/mp3-encoder, which embeds it (base64) in the script of
 * its worker and calls four small C functions of its own bridge: init_lame(channels, rate,
 * bitrate) with the Xing tag switched off, encode_samples, flush_lame and close_lame. We
 * call those same functions on this thread instead of going through mediabunny's worker
 * and Output: no message passing, no sample-format conversion layer, and a plain streaming
 * API. The module is an Emscripten build with minified import/export names; the shapes are
 * checked on load so a new package version that changes them fails loudly here, not with
 * wrong audio. LAME stays a separate wasm module loaded at run time, which is what the
 * LGPL asks of us.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

import { toInt16 } from './pcm-int16.js';

/** Pinned: the export names below are those of this build. */
const PACKAGE = '@mediabunny/mp3-encoder';
const WASM_MAGIC_BASE64 = 'AGFzbQ'; // "\0asm" in base64: the embedded module starts with it

/** LAME's own start-up delay, in samples; decoders without gapless info play it as silence. */
export const LAME_ENCODER_DELAY = 576;
/** Largest input slice per call; LAME needs 1.25·n + 7200 output bytes for n samples. */
const SLICE_FRAMES = 16_384;
const OUTPUT_BYTES = Math.ceil(1.25 * SLICE_FRAMES + 7200);

interface LameExports {
  memory: WebAssembly.Memory;
  ctors: () => void;
  init: (channels: number, rate: number, bitrate: number) => number;
  encode: (lame: number, left: number, right: number, n: number, out: number, outSize: number) => number;
  flush: (lame: number, out: number, outSize: number) => number;
  close: (lame: number) => void;
  malloc: (size: number) => number;
  free: (ptr: number) => void;
}

export class LameWasmError extends Error {
  override name = 'LameWasmError';
}

let compiled: Promise<WebAssembly.Module> | undefined;

/** Compiles the module once per process; instances (one per encode) are cheap. */
function lameModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const bundle = createRequire(import.meta.url).resolve(PACKAGE);
    const source = await readFile(bundle, 'utf8');
    const match = new RegExp(`"(${WASM_MAGIC_BASE64}[A-Za-z0-9+/=]+)"`).exec(source);
    if (!match) throw new LameWasmError(`no embedded LAME wasm found in ${bundle}`);
    return WebAssembly.compile(Buffer.from(match[1]!, 'base64'));
  })();
  compiled.catch(() => (compiled = undefined));
  return compiled;
}

function instantiate(module: WebAssembly.Module): LameExports {
  // The imports run only after instantiation, once the memory export is known.
  const holder: { memory?: WebAssembly.Memory } = {};
  const mem = (): WebAssembly.Memory => holder.memory!;
  // The four imports of the Emscripten runtime this build uses: exit, fd_write (LAME's
  // stderr messages, dropped), heap growth and fd_seek (unsupported, as in Emscripten).
  const imports = {
    a: {
      a: (code: number) => {
        throw new LameWasmError(`LAME exited with status ${code}`);
      },
      b: (_fd: number, iov: number, iovCount: number, written: number) => {
        const view = new DataView(mem().buffer);
        let total = 0;
        for (let i = 0; i < iovCount; i += 1) total += view.getUint32(iov + 8 * i + 4, true);
        view.setUint32(written, total, true);
        return 0;
      },
      c: (requested: number) => {
        const current = mem().buffer.byteLength;
        if (requested <= current) return 1;
        try {
          mem().grow(Math.ceil((requested - current) / 65_536));
          return 1;
        } catch {
          return 0;
        }
      },
      d: () => 70, // ESPIPE
    },
  };
  const exports = new WebAssembly.Instance(module, imports).exports as Record<string, unknown>;
  const fn = (name: string, arity: number): ((...args: number[]) => number) => {
    const f = exports[name];
    if (typeof f !== 'function' || f.length !== arity) {
      throw new LameWasmError(`${PACKAGE}: export "${name}" is not the expected ${arity}-argument function`);
    }
    return f as (...args: number[]) => number;
  };
  if (!(exports.e instanceof WebAssembly.Memory))
    throw new LameWasmError(`${PACKAGE}: no wasm memory export`);
  holder.memory = exports.e;
  return {
    memory: exports.e,
    ctors: fn('f', 0),
    init: fn('g', 3),
    encode: fn('h', 6),
    flush: fn('i', 3),
    close: fn('j', 1),
    free: fn('k', 1),
    malloc: fn('l', 1),
  };
}

/** One LAME encoder: CBR, no Xing/Info frame, no ID3 tag (the bridge never writes one). */
export class LameEncoder {
  private closed = false;

  private constructor(
    private readonly lame: LameExports,
    private readonly handle: number,
    private readonly channels: number,
    private readonly input: number,
    private readonly output: number,
  ) {}

  static async create(sampleRate: number, channels: 1 | 2, bitrateKbps: number): Promise<LameEncoder> {
    const lame = instantiate(await lameModule());
    lame.ctors();
    const handle = lame.init(channels, sampleRate, bitrateKbps * 1000);
    if (handle === 0) throw new LameWasmError('LAME failed to initialise');
    const input = lame.malloc(SLICE_FRAMES * 2 * channels);
    const output = lame.malloc(OUTPUT_BYTES);
    return new LameEncoder(lame, handle, channels, input, output);
  }

  /**
   * Encodes planar samples (one array per channel, same length) and returns the MP3 bytes
   * LAME has ready; they need not end on a frame boundary.
   */
  encode(planes: Float32Array[], from: number, count: number): Uint8Array {
    const parts: Uint8Array[] = [];
    for (let done = 0; done < count; done += SLICE_FRAMES) {
      const n = Math.min(SLICE_FRAMES, count - done);
      // The heap may have grown since the last call: take a fresh view every time.
      const heap = new Int16Array(this.lame.memory.buffer);
      for (let c = 0; c < this.channels; c += 1) {
        const plane = planes[c]!;
        const base = (this.input >> 1) + c * SLICE_FRAMES;
        for (let i = 0; i < n; i += 1) heap[base + i] = toInt16(plane[from + done + i]!);
      }
      const right = this.channels === 2 ? this.input + SLICE_FRAMES * 2 : this.input;
      const written = this.lame.encode(this.handle, this.input, right, n, this.output, OUTPUT_BYTES);
      if (written < 0) throw new LameWasmError(`LAME encode failed (${written})`);
      parts.push(this.take(written));
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** Encodes what LAME still holds, padding the last frame to full length. */
  flush(): Uint8Array {
    const written = this.lame.flush(this.handle, this.output, OUTPUT_BYTES);
    if (written < 0) throw new LameWasmError(`LAME flush failed (${written})`);
    return this.take(written);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.lame.close(this.handle);
    this.lame.free(this.input);
    this.lame.free(this.output);
  }

  private take(length: number): Uint8Array {
    return new Uint8Array(this.lame.memory.buffer, this.output, length).slice();
  }
}
