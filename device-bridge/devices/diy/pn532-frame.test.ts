import { describe, expect, it } from 'vitest';

import {
  PN532_ACK,
  PN532_ERROR_FRAME,
  PN532_NACK,
  PN532_TFI_CHIP,
  Pn532FrameReader,
  encodePn532Command,
  encodePn532Frame,
  pn532Checksum,
} from './pn532-frame';

const bytes = (text: string): Uint8Array => Uint8Array.from(text.split(' '), (h) => parseInt(h, 16));

// Frames worked out by hand from UM0701-02 §6.2.1 (LEN+LCS = 0, TFI+data+DCS = 0 mod 256).
// GetFirmwareVersion and its PN532 v1.6 answer are also the example frames of the manual.
const GET_FIRMWARE_VERSION = bytes('00 00 FF 02 FE D4 02 2A 00');
const FIRMWARE_ANSWER = bytes('00 00 FF 06 FA D5 03 32 01 06 07 E8 00');
const SAM_CONFIGURATION = bytes('00 00 FF 05 FB D4 14 01 14 01 02 00');
const IN_LIST_PASSIVE_TARGET = bytes('00 00 FF 04 FC D4 4A 01 00 E1 00');

describe('PN532 frames', () => {
  it('builds command frames with the right length and data checksums', () => {
    expect(encodePn532Command(0x02)).toEqual(GET_FIRMWARE_VERSION);
    expect(encodePn532Command(0x14, [0x01, 0x14, 0x01])).toEqual(SAM_CONFIGURATION);
    expect(encodePn532Command(0x4a, [0x01, 0x00])).toEqual(IN_LIST_PASSIVE_TARGET);
  });

  it('computes the two-complement checksum', () => {
    expect(pn532Checksum([0xd4, 0x02])).toBe(0x2a);
    expect(pn532Checksum([])).toBe(0x00);
    expect(pn532Checksum([0x01])).toBe(0xff);
  });

  it('switches to an extended frame above 254 data bytes', () => {
    const data = new Uint8Array(300).fill(0x11);
    const frame = encodePn532Frame(0xd4, data);
    // LEN = 301 = 0x012D (TFI + data); LCS makes 01 + 2D + LCS = 0.
    expect(Array.from(frame.subarray(0, 8))).toEqual([0x00, 0x00, 0xff, 0xff, 0xff, 0x01, 0x2d, 0xd2]);
    expect(frame.length).toBe(8 + 301 + 2);
    const [packet] = new Pn532FrameReader().push(frame);
    expect(packet).toEqual({ kind: 'frame', tfi: 0xd4, data });
  });

  it('reads ACK, NACK, error and data frames from one stream', () => {
    const stream = new Uint8Array([...PN532_ACK, ...FIRMWARE_ANSWER, ...PN532_NACK, ...PN532_ERROR_FRAME]);
    const packets = new Pn532FrameReader().push(stream);
    expect(packets).toEqual([
      { kind: 'ack' },
      { kind: 'frame', tfi: PN532_TFI_CHIP, data: bytes('03 32 01 06 07') },
      { kind: 'nack' },
      { kind: 'error' },
    ]);
  });

  it('keeps a frame cut anywhere until the rest arrives, and skips noise before it', () => {
    const stream = new Uint8Array([0x55, 0x55, 0x00, 0x00, 0x00, ...PN532_ACK, ...FIRMWARE_ANSWER]);
    for (let cut = 1; cut < stream.length; cut += 1) {
      const reader = new Pn532FrameReader();
      const packets = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))];
      expect(packets, `cut at ${cut}`).toEqual([
        { kind: 'ack' },
        { kind: 'frame', tfi: PN532_TFI_CHIP, data: bytes('03 32 01 06 07') },
      ]);
    }
  });

  it('flags a damaged data checksum and a damaged length checksum, then resynchronises', () => {
    const badDcs = FIRMWARE_ANSWER.slice();
    badDcs[11] = 0xe9;
    const badLcs = FIRMWARE_ANSWER.slice();
    badLcs[4] = 0xfb;
    const packets = new Pn532FrameReader().push(new Uint8Array([...badDcs, ...badLcs, ...PN532_ACK]));
    expect(packets.map((p) => p.kind)).toEqual(['corrupt', 'corrupt', 'ack']);
  });
});
