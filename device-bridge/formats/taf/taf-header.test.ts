import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { ProtobufWriter, varintLength } from './protobuf-wire.js';
import { TafFormatError, TafInputError } from './taf-errors.js';
import { decodeTafHeader, encodeTafHeader, TAF_HEADER_BYTES, TAF_MESSAGE_BYTES } from './taf-header.js';

const sha1 = createHash('sha1').update('some ogg data').digest();

/** Reads a varint by hand, independent of the module under test. */
function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (;;) {
    const b = bytes[at++]!;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) return { value, next: at };
  }
}

describe('encodeTafHeader', () => {
  it('writes the fields in order 1..5, byte by byte, and fills to exactly 4096 bytes', () => {
    const header = encodeTafHeader({
      sha1,
      payloadLength: 300_000,
      audioId: 0x1a2b3c4d,
      chapters: [0, 5, 200],
    });
    expect(header.length).toBe(4096);
    expect([...header.subarray(0, 4)]).toEqual([0x00, 0x00, 0x0f, 0xfc]);
    let at = 4;
    expect([header[at], header[at + 1]]).toEqual([0x0a, 20]); // field 1, bytes, 20 long
    expect(Buffer.from(header.subarray(at + 2, at + 22)).equals(sha1)).toBe(true);
    at += 22;
    expect(header[at]).toBe(0x10); // field 2, varint
    const length = readVarint(header, at + 1);
    expect(length.value).toBe(300_000);
    at = length.next;
    expect(header[at]).toBe(0x18); // field 3, varint
    const id = readVarint(header, at + 1);
    expect(id.value).toBe(0x1a2b3c4d);
    at = id.next;
    expect(header[at]).toBe(0x22); // field 4, packed
    const packed = readVarint(header, at + 1);
    expect(packed.value).toBe(1 + 1 + 2); // 0, 5, 200 (two bytes)
    expect([...header.subarray(packed.next, packed.next + 4)]).toEqual([0x00, 0x05, 0xc8, 0x01]);
    at = packed.next + packed.value;
    expect(header[at]).toBe(0x2a); // field 5, bytes
    const fill = readVarint(header, at + 1);
    expect(fill.next + fill.value).toBe(TAF_HEADER_BYTES); // the fill ends the header exactly
    expect(header.subarray(fill.next).every((b) => b === 0)).toBe(true);
  });

  it('stays exactly 4096 bytes whatever the other fields weigh (the fill length varint shifts)', () => {
    const lengths = [0, 1, 127, 128, 16_383, 16_384, 2 ** 32, 2 ** 40];
    const chapterLists = [[], [0], [0, 1, 2], Array.from({ length: 100 }, (_, i) => i * 40_000)];
    for (const payloadLength of lengths) {
      for (const chapters of chapterLists) {
        for (const audioId of [0, 127, 0xffffffff]) {
          const header = encodeTafHeader({ sha1, payloadLength, audioId, chapters });
          expect(header.length).toBe(4096);
          expect(new DataView(header.buffer).getUint32(0)).toBe(TAF_MESSAGE_BYTES);
          const back = decodeTafHeader(header);
          expect(back).toMatchObject({ payloadLength, audioId, chapters, messageLength: 4092 });
          expect(back.nonZeroPadding).toBe(false);
        }
      }
    }
  });

  it('refuses fields the box cannot take', () => {
    const ok = { sha1, payloadLength: 1, audioId: 1, chapters: [0] };
    expect(() => encodeTafHeader({ ...ok, sha1: sha1.subarray(0, 19) })).toThrow(TafInputError);
    expect(() => encodeTafHeader({ ...ok, audioId: 2 ** 32 })).toThrow(/32-bit/);
    expect(() => encodeTafHeader({ ...ok, chapters: [1, 2] })).toThrow(/start at 0/);
    expect(() => encodeTafHeader({ ...ok, chapters: [0, 9, 3] })).toThrow(TafInputError);
    expect(() => encodeTafHeader({ ...ok, chapters: Array.from({ length: 101 }, (_, i) => i) })).toThrow(
      /at most 100/,
    );
    expect(() => encodeTafHeader({ ...ok, payloadLength: -1 })).toThrow(TafInputError);
  });
});

describe('decodeTafHeader', () => {
  /** A header from hand-written fields, padded with zeros to 4096. */
  const handMade = (message: Uint8Array, lengthField = message.length): Uint8Array => {
    const out = new Uint8Array(4096);
    new DataView(out.buffer).setUint32(0, lengthField);
    out.set(message.subarray(0, 4092), 4);
    return out;
  };
  const base = (): ProtobufWriter =>
    new ProtobufWriter().bytesField(1, sha1).varintField(2, 1000).varintField(3, 77);

  it('reads unpacked chapters and teddycloud private fields, and notes the fields', () => {
    const message = base()
      .varintField(4, 0)
      .varintField(4, 3)
      .varintField(8, 12)
      .bytesField(5, new Uint8Array(10))
      .finish();
    const header = decodeTafHeader(handMade(message));
    expect(header.chapters).toEqual([0, 3]);
    expect(header.otherFields).toEqual([8]);
    expect(header.messageLength).toBe(message.length);
  });

  it('throws TafFormatError for what is not a TAF header', () => {
    const good = base().bytesField(5, new Uint8Array(4)).finish();
    const cases: [string, Uint8Array][] = [
      ['length field 0', handMade(good, 0)],
      ['length field 0xFFFFFFFF', handMade(good, 0xffffffff)],
      ['length field 4093', handMade(good, 4093)],
      ['three bytes', new Uint8Array([0, 0, 0x0f])],
      ['cut inside the message', handMade(good).subarray(0, 20)],
      ['no fill field', handMade(base().finish())],
      [
        'no audio id',
        handMade(
          new ProtobufWriter()
            .bytesField(1, sha1)
            .varintField(2, 1)
            .bytesField(5, new Uint8Array(1))
            .finish(),
        ),
      ],
      [
        'a 19-byte hash',
        handMade(
          new ProtobufWriter()
            .bytesField(1, sha1.subarray(1))
            .varintField(2, 1)
            .varintField(3, 1)
            .bytesField(5, new Uint8Array(1))
            .finish(),
        ),
      ],
      [
        'a field claiming a huge length',
        handMade(Uint8Array.from([...base().finish(), 0x2a, 0xff, 0xff, 0xff, 0xff, 0x0f])),
      ],
      ['an endless varint', handMade(Uint8Array.from([0x10, ...new Array<number>(12).fill(0xff), 0x01]))],
      [
        'an audio id over 32 bits',
        handMade(
          new ProtobufWriter()
            .bytesField(1, sha1)
            .varintField(2, 1)
            .varintField(3, 2 ** 33)
            .bytesField(5, new Uint8Array(1))
            .finish(),
        ),
      ],
      ['wire type 3 (groups)', handMade(Uint8Array.from([0x0b, 0x00]))],
      ['zeros', new Uint8Array(4096)],
    ];
    for (const [name, bytes] of cases) {
      expect(() => decodeTafHeader(bytes), name).toThrow(TafFormatError);
    }
  });

  it('reports non-zero bytes after the message without refusing the header', () => {
    const message = base().bytesField(5, new Uint8Array(4)).finish();
    const bytes = handMade(message);
    bytes[4095] = 1;
    expect(decodeTafHeader(bytes).nonZeroPadding).toBe(true);
  });

  it('varintLength agrees with the bytes the writer emits', () => {
    for (const v of [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 32, 2 ** 53]) {
      expect(new ProtobufWriter().varint(v).length).toBe(varintLength(v));
    }
  });
});
