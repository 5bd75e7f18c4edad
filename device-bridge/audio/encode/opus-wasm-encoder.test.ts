import { describe, expect, it } from 'vitest';

import { OpusWasmEncoder } from './opus-wasm-encoder.js';
import { parseOpusPacket } from './opus-packet.js';
import { toInt16 } from './pcm-int16.js';

/** Encodes `frames` frames of a tone; `offset` shifts the tone so encoders get different audio. */
function fill(encoder: OpusWasmEncoder, frame: number, hz: number): void {
  const n = encoder.frameSamples;
  for (let i = 0; i < n; i += 1) {
    const s = toInt16(0.3 * Math.sin((2 * Math.PI * hz * (frame * n + i)) / 48000));
    for (let c = 0; c < encoder.channels; c += 1) encoder.frame[i * encoder.channels + c] = s;
  }
}

describe('OpusWasmEncoder', () => {
  it('reports its lookahead and makes 20 ms packets', () => {
    for (const channels of [1, 2] as const) {
      const encoder = new OpusWasmEncoder(channels, 64);
      expect(encoder.lookahead).toBeGreaterThan(0);
      fill(encoder, 0, 440);
      const info = parseOpusPacket(encoder.encodeFrame());
      expect(info.samples).toBe(960);
      expect(encoder.frameSamples).toBe(960);
      expect(info.stereo).toBe(channels === 2);
      encoder.close();
    }
  });

  it('keeps encoders apart: several alive at once give the packets each gives alone', () => {
    // opusscript's own wrapper writes PCM outside its allocation and corrupted a
    // neighbouring encoder this way; ours must not.
    const tones = [330, 550, 770, 990];
    const alone = tones.map((hz) => {
      const encoder = new OpusWasmEncoder(2, 96);
      const packets: number[][] = [];
      for (let f = 0; f < 20; f += 1) {
        fill(encoder, f, hz);
        packets.push([...encoder.encodeFrame()]);
      }
      encoder.close();
      return packets;
    });
    const together = tones.map(() => new OpusWasmEncoder(2, 96));
    const packets = tones.map((): number[][] => []);
    for (let f = 0; f < 20; f += 1) {
      together.forEach((encoder, i) => {
        fill(encoder, f, tones[i]!);
        packets[i]!.push([...encoder.encodeFrame()]);
      });
    }
    together.forEach((encoder) => encoder.close());
    expect(packets).toEqual(alone);
  });
});
