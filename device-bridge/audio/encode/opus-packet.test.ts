import { OpusDecoder } from 'opus-decoder';
import { describe, expect, it } from 'vitest';

import { OpusWasmEncoder } from './opus-wasm-encoder.js';
import {
  OpusPacketError,
  code3MinimumLength,
  joinOpusPackets,
  padOpusPacket,
  parseOpusPacket,
} from './opus-packet.js';
import { toInt16 } from './pcm-int16.js';

/** A TOC byte: CELT fullband 20 ms is config 31. */
const toc = (config: number, code: number, stereo = false): number => (config << 3) | (stereo ? 4 : 0) | code;
const framesOf = (packet: Uint8Array): number[][] => parseOpusPacket(packet).frames.map((f) => [...f]);
const bytes = (n: number, seed: number): number[] =>
  Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

/** Packets of every framing code, built by hand from RFC 6716 §3.2. */
function handMadePackets(): Uint8Array[] {
  return [
    Uint8Array.from([toc(31, 0), ...bytes(100, 1)]),
    Uint8Array.from([toc(31, 0)]), // a zero-length frame (DTX)
    Uint8Array.from([toc(31, 1, true), ...bytes(80, 2), ...bytes(80, 3)]),
    Uint8Array.from([toc(1, 2), 10, ...bytes(10, 4), ...bytes(300, 5)]),
    Uint8Array.from([toc(16, 2), 253, 12, ...bytes(301, 6), ...bytes(20, 7)]), // 2-byte length: 4·12 + 253 = 301
    Uint8Array.from([toc(17, 3), 0x03, ...bytes(30, 8)]), // CBR, 3 frames of 10 bytes
    Uint8Array.from([toc(18, 3), 0x80 | 0x40 | 2, 3, 5, ...bytes(5, 9), ...bytes(7, 10), 0, 0, 0]), // VBR + padding
  ];
}

describe('Opus packet framing', () => {
  it('reads frames and durations of every framing code', () => {
    const [code0, dtx, code1, code2, longCode2, code3cbr, code3vbr] = handMadePackets();
    expect(parseOpusPacket(code0!)).toMatchObject({
      code: 0,
      frameSamples: 960,
      samples: 960,
      paddingBytes: 0,
    });
    expect(parseOpusPacket(dtx!).frames[0]!.length).toBe(0);
    const two = parseOpusPacket(code1!);
    expect(two.frames.map((f) => f.length)).toEqual([80, 80]);
    expect(two.stereo).toBe(true);
    expect(parseOpusPacket(code2!)).toMatchObject({ frameSamples: 960, samples: 1920 }); // SILK config 1: 20 ms
    expect(parseOpusPacket(code2!).frames.map((f) => f.length)).toEqual([10, 300]);
    expect(parseOpusPacket(longCode2!).frames.map((f) => f.length)).toEqual([301, 20]);
    expect(parseOpusPacket(code3cbr!)).toMatchObject({ frameSamples: 240, samples: 720 }); // CELT 5 ms × 3
    const vbr = parseOpusPacket(code3vbr!);
    expect(vbr.frames.map((f) => f.length)).toEqual([5, 7]);
    expect(vbr.paddingBytes).toBe(4);
  });

  it('refuses malformed packets', () => {
    expect(() => parseOpusPacket(new Uint8Array(0))).toThrow(OpusPacketError);
    expect(() => parseOpusPacket(Uint8Array.from([toc(31, 1), 1, 2, 3, 4, 5]))).toThrow(/odd/);
    expect(() => parseOpusPacket(Uint8Array.from([toc(31, 2), 200, 1, 2]))).toThrow(/overruns/);
    expect(() => parseOpusPacket(Uint8Array.from([toc(31, 3), 0]))).toThrow(/0 frames/);
    expect(() => parseOpusPacket(Uint8Array.from([toc(3, 3), 3, 1, 2, 3]))).toThrow(/R5/); // 3 × 60 ms
    expect(() => parseOpusPacket(Uint8Array.from([toc(31, 3), 0x41, 200, 1]))).toThrow(/R6/);
  });

  it('pads every framing code to any length and keeps the frames byte for byte', () => {
    for (const packet of handMadePackets()) {
      const original = parseOpusPacket(packet);
      const min = code3MinimumLength(original);
      // Around the places where the padding-length encoding changes width (254/255/509/510…).
      const extras = [0, 1, 2, 254, 255, 256, 257, 509, 510, 511, 765, 3000];
      for (const extra of extras) {
        const padded = padOpusPacket(packet, min + extra);
        expect(padded.length).toBe(min + extra);
        const info = parseOpusPacket(padded);
        expect(info.code).toBe(3);
        expect(info.samples).toBe(original.samples);
        expect(info.frames.map((f) => [...f])).toEqual(original.frames.map((f) => [...f]));
      }
    }
  });

  it('cannot shrink a packet', () => {
    const packet = handMadePackets()[0]!;
    expect(() => padOpusPacket(packet, packet.length)).toThrow(/shrink/);
  });

  it('padded libopus packets decode to the same audio as the originals (checked by opus-decoder)', async () => {
    const encoder = new OpusWasmEncoder(2, 96);
    const plain = new OpusDecoder({ channels: 2, preSkip: 0 });
    const padded = new OpusDecoder({ channels: 2, preSkip: 0 });
    await Promise.all([plain.ready, padded.ready]);
    try {
      for (let f = 0; f < 25; f += 1) {
        for (let i = 0; i < 960; i += 1) {
          const s = toInt16(0.4 * Math.sin((2 * Math.PI * 660 * (f * 960 + i)) / 48000));
          encoder.frame[2 * i] = s;
          encoder.frame[2 * i + 1] = s;
        }
        const packet = encoder.encodeFrame();
        const grown = padOpusPacket(packet, packet.length + 1 + f * 97);
        const a = plain.decodeFrame(packet);
        const b = padded.decodeFrame(grown);
        expect(b.errors).toEqual([]);
        expect(b.samplesDecoded).toBe(960);
        for (const c of [0, 1]) expect([...b.channelData[c]!]).toEqual([...a.channelData[c]!]);
      }
    } finally {
      encoder.close();
      plain.free();
      padded.free();
    }
  });

  it('joins three 20 ms packets into one 60 ms packet that decodes the same (checked by opus-decoder)', async () => {
    const encoder = new OpusWasmEncoder(2, 96);
    const separate = new OpusDecoder({ channels: 2, preSkip: 0 });
    const together = new OpusDecoder({ channels: 2, preSkip: 0 });
    await Promise.all([separate.ready, together.ready]);
    try {
      for (let group = 0; group < 8; group += 1) {
        const packets = [0, 1, 2].map((k) => {
          const f = group * 3 + k;
          for (let i = 0; i < 960; i += 1) {
            const s = toInt16(0.3 * Math.sin((2 * Math.PI * 440 * (f * 960 + i)) / 48000));
            encoder.frame[2 * i] = s;
            encoder.frame[2 * i + 1] = -s;
          }
          return encoder.encodeFrame();
        });
        const joined = joinOpusPackets(packets)!;
        const info = parseOpusPacket(joined);
        expect(info).toMatchObject({ code: 3, samples: 2880 });
        expect(info.frames.map((f) => [...f])).toEqual(packets.flatMap((p) => framesOf(p)));
        const a = separate.decodeFrames(packets);
        const b = together.decodeFrame(joined);
        expect(b.samplesDecoded).toBe(2880);
        for (const c of [0, 1]) expect([...b.channelData[c]!]).toEqual([...a.channelData[c]!]);
      }
    } finally {
      encoder.close();
      separate.free();
      together.free();
    }
  });

  it('will not join packets of different modes or more than 120 ms', () => {
    const celt = Uint8Array.from([toc(31, 0), ...bytes(50, 1)]);
    const silk = Uint8Array.from([toc(1, 0), ...bytes(50, 2)]);
    expect(joinOpusPackets([celt, silk])).toBeNull();
    const sixty = Uint8Array.from([toc(3, 0), ...bytes(20, 3)]); // SILK 60 ms
    expect(joinOpusPackets([sixty, sixty])).not.toBeNull();
    expect(joinOpusPackets([sixty, sixty, sixty])).toBeNull();
  });
});
