import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { describe, expect, it } from 'vitest';

import { EMSCRIPTEN_STACK_BYTES, StackGuard, emscriptenStackLayout } from './wasm-stack-guard.js';

const require = createRequire(import.meta.url);

interface Native {
  OpusScriptHandler: new (
    rate: number,
    channels: number,
    application: number,
  ) => { _encode(input: number, bytes: number, output: number, frameSize: number): number };
  _malloc(bytes: number): number;
  HEAPU8: Uint8Array;
  HEAP16: Int16Array;
}

/** A private instance of opusscript's wasm, so overrunning its stack harms nothing else. */
function freshOpus(): { native: Native; guard: StackGuard } {
  const factory = require('opusscript/build/opusscript_native_wasm.js') as () => Native;
  const native = factory();
  const wasm = readFileSync(require.resolve('opusscript/build/opusscript_native_wasm.wasm'));
  return { native, guard: new StackGuard(emscriptenStackLayout(wasm), () => native.HEAPU8) };
}

/** Encodes one stereo frame of `samples` per channel straight through the handler (bytes = 0: raw int16). */
function encodeStereo(native: Native, samples: number): void {
  const handler = new native.OpusScriptHandler(48000, 2, 2049);
  const input = native._malloc(samples * 4);
  const output = native._malloc(4000);
  for (let i = 0; i < samples * 2; i += 1)
    native.HEAP16[(input >> 1) + i] = Math.round(8000 * Math.sin(i / 9));
  handler._encode(input, 0, output, samples);
}

describe('wasm stack guard', () => {
  it('finds the stack of an Emscripten module above its static data', () => {
    const wasm = readFileSync(require.resolve('opusscript/build/opusscript_native_wasm.wasm'));
    const layout = emscriptenStackLayout(wasm);
    expect(layout.dataEnd).toBeGreaterThan(1024);
    expect(layout.top - EMSCRIPTEN_STACK_BYTES).toBeGreaterThanOrEqual(layout.dataEnd);
  });

  it('stays quiet for a 20 ms stereo frame and trips on a 60 ms one, which overruns the stack', () => {
    const small = freshOpus();
    small.guard.paint();
    encodeStereo(small.native, 960);
    expect(small.guard.tripped()).toBe(false);

    const large = freshOpus(); // this instance is damaged by the overrun and thrown away
    large.guard.paint();
    encodeStereo(large.native, 2880);
    expect(large.guard.tripped()).toBe(true);
  });
});
