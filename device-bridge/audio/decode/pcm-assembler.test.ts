import { describe, expect, it } from 'vitest';
import { PCM_CHUNK_FRAMES, chunkFrames } from '../pcm.js';
import { PcmAssembler } from './pcm-assembler.js';

/** 0, 1, 2, … scaled into [-1, 1) so that positions can be read back from values. */
function ramp(from: number, count: number): Float32Array {
  return Float32Array.from({ length: count }, (_, i) => (from + i) / 2 ** 20);
}

describe('PcmAssembler', () => {
  it('regroups odd-sized pieces into full chunks, in order, and flushes the rest', () => {
    const assembler = new PcmAssembler({ sampleRate: 8000, channels: 1 });
    const chunks = [];
    let at = 0;
    for (const size of [1000, 20_000, 7, 30_000]) {
      chunks.push(...assembler.push([ramp(at, size)], size));
      at += size;
    }
    chunks.push(...assembler.finish(false));
    expect(chunks.map(chunkFrames)).toEqual([
      PCM_CHUNK_FRAMES,
      PCM_CHUNK_FRAMES,
      PCM_CHUNK_FRAMES,
      at - 3 * PCM_CHUNK_FRAMES,
    ]);
    const all = chunks.flatMap((chunk) => [...chunk.channels[0]!]);
    expect(all).toEqual([...ramp(0, at)]);
  });

  it('skips leading frames, holds back trailing ones, and drops them only when asked', () => {
    const make = (): PcmAssembler =>
      new PcmAssembler({ sampleRate: 8000, channels: 1, skipFrames: 100, holdBackFrames: 50 });
    const dropped = make();
    const kept = make();
    const out = (assembler: PcmAssembler, drop: boolean): number[] =>
      [
        ...assembler.push([ramp(0, 60)], 60),
        ...assembler.push([ramp(60, 500)], 500),
        ...assembler.finish(drop),
      ].flatMap((chunk) => [...chunk.channels[0]!]);
    expect(out(dropped, true)).toEqual([...ramp(100, 410)]);
    expect(out(kept, false)).toEqual([...ramp(100, 460)]);
    expect(dropped.emittedFrames).toBe(410);
  });

  it('stops at maxFrames, takes the first planes of wider input, and clamps bad values', () => {
    const assembler = new PcmAssembler({ sampleRate: 8000, channels: 1, maxFrames: 4 });
    const loud = Float32Array.from([2, -3, Number.NaN, 0.5, 0.25]);
    const chunks = [...assembler.push([loud, new Float32Array(5)], 5), ...assembler.finish(false)];
    expect(chunks).toHaveLength(1);
    expect([...chunks[0]!.channels[0]!]).toEqual([1, -1, 0, 0.5]);
    expect(chunks[0]!.channels).toHaveLength(1);
  });

  it('repeats a mono plane when more channels were announced', () => {
    const assembler = new PcmAssembler({ sampleRate: 8000, channels: 2 });
    const [chunk] = [...assembler.push([ramp(0, 3)], 3), ...assembler.finish(false)];
    expect(chunk!.channels[1]).toEqual(chunk!.channels[0]);
  });
});
