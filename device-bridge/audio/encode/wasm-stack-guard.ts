/**
 * A tripwire at the end of an Emscripten module's C stack.
 *
 * Emscripten lays memory out as [static data][stack, 64 KiB, growing down][heap]. Nothing
 * stops the stack at its end in a release build: a deep call simply writes over static
 * data (libopus's tables, malloc's state) and the damage shows up later, as wrong audio or
 * a crash in free(). opusscript's libopus needs 57 KiB of the 64 for a 20 ms stereo frame
 * and overruns it at 60 ms stereo (measured). The guard paints the lowest bytes of the
 * stack and checks after each call that they are untouched, so a call that came close is
 * reported before anything was overwritten.
 */

/** Emscripten's default stack size (-sSTACK_SIZE since 3.1.27). */
export const EMSCRIPTEN_STACK_BYTES = 64 * 1024;
const GUARD_BYTES = 4096;
const PAINT = 0xa5;
const PAINT_WORD = 0xa5a5a5a5;

export class WasmStackError extends Error {
  override name = 'WasmStackError';
}

interface StackLayout {
  /** Initial stack pointer: the stack's top. */
  top: number;
  /** End of the initialised static data. */
  dataEnd: number;
}

/** Reads an unsigned (or, for i32.const, signed) LEB128 number; returns [value, next offset]. */
function leb(bytes: Uint8Array, at: number, signed = false): [number, number] {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[at++]!;
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  if (signed && shift < 32 && byte & 0x40) value |= -1 << shift;
  return [value, at];
}

/**
 * The stack pointer's initial value (the first global, `i32.const`) and the end of the
 * data segments, read from the module's binary.
 */
export function emscriptenStackLayout(wasm: Uint8Array): StackLayout {
  let top = -1;
  let dataEnd = 0;
  for (let at = 8; at < wasm.length;) {
    const id = wasm[at]!;
    const [size, body] = leb(wasm, at + 1);
    if (id === 6) {
      // global section: count, then the first global's type, mutability and init expression
      const [, first] = leb(wasm, body);
      if (wasm[first + 2] === 0x41) top = leb(wasm, first + 3, true)[0];
    } else if (id === 11) {
      let [count, p] = leb(wasm, body);
      for (; count > 0; count -= 1) {
        const [flags, next] = leb(wasm, p);
        if (flags !== 0) break; // passive or indexed segments: not laid out by Emscripten this way
        const [offset, afterConst] = leb(wasm, next + 1, true);
        const [length, data] = leb(wasm, afterConst + 1);
        dataEnd = Math.max(dataEnd, offset + length);
        p = data + length;
      }
    }
    at = body + size;
  }
  if (top <= 0) throw new WasmStackError('no stack pointer global found in the wasm module');
  return { top, dataEnd };
}

export class StackGuard {
  private readonly bottom: number;

  constructor(
    layout: StackLayout,
    private readonly heap: () => Uint8Array,
  ) {
    this.bottom = layout.top - EMSCRIPTEN_STACK_BYTES;
    if (this.bottom % 4 !== 0) throw new WasmStackError(`stack end ${this.bottom} is not word-aligned`);
    if (this.bottom < layout.dataEnd) {
      throw new WasmStackError(`stack end ${this.bottom} lies inside static data (ends ${layout.dataEnd})`);
    }
  }

  /** Marks the guard bytes; call while no C code runs (the stack is then empty). */
  paint(): void {
    this.heap().fill(PAINT, this.bottom, this.bottom + GUARD_BYTES);
  }

  /** True when a call has used the stack down into the guard bytes. */
  tripped(): boolean {
    const heap = this.heap();
    // Checked a word at a time: it runs after every encoder call.
    const words = new Uint32Array(heap.buffer, heap.byteOffset + this.bottom, GUARD_BYTES / 4);
    for (let i = 0; i < words.length; i += 1) if (words[i] !== PAINT_WORD) return true;
    return false;
  }
}
