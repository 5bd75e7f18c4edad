import { describe, expect, it } from 'vitest';

import { audioDurationSeconds } from './audio-duration';
import { encodeWavMono16 } from './wav-encode';

const probe = (bytes: Uint8Array) => ({ head: bytes, tail: bytes, size: bytes.byteLength });

describe('audio duration from headers', () => {
  it('should read a WAV exactly', () => {
    expect(audioDurationSeconds(probe(encodeWavMono16(new Float32Array(44_100 * 3), 44_100)))).toBe(3);
  });

  it('should estimate a constant-bitrate MP3 after its ID3 tag', () => {
    // 10-byte ID3v2 header declaring a 20-byte tag, then 128 kbit/s MPEG-1 Layer III frames.
    const id3 = [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 20, ...new Array(20).fill(0)];
    const audio = new Uint8Array(160_000);
    audio.set([0xff, 0xfb, 0x90, 0x64]);
    const file = new Uint8Array([...id3, ...audio]);
    expect(audioDurationSeconds(probe(file))).toBeCloseTo(10, 5); // 160,000 B × 8 / 128,000 bit/s
  });

  it('should read an Ogg Opus file from its last granule position', () => {
    const page = (granule: bigint, payload: number[]): number[] => {
      const header = new Uint8Array(27);
      header.set([0x4f, 0x67, 0x67, 0x53]);
      new DataView(header.buffer).setBigInt64(6, granule, true);
      header[26] = 1; // one segment in the table, holding the payload's length
      return [...header, payload.length, ...payload];
    };
    const opusHead = [...new TextEncoder().encode('OpusHead'), 1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0];
    const file = new Uint8Array([...page(0n, opusHead), ...page(96_000n, [0])]);
    expect(audioDurationSeconds(probe(file))).toBe(2);
  });

  it('should say it does not know an unrecognised format', () => {
    expect(audioDurationSeconds(probe(new TextEncoder().encode('hello world, not audio')))).toBeNull();
  });
});
