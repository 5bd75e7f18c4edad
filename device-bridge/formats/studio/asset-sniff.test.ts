import { describe, expect, it } from 'vitest';

import { sniffAssetMime } from './asset-sniff';
import { tinyMp3, tinyPng, tinyWav } from './test-fixtures';

const bytes = (...values: Array<number | string>): Uint8Array =>
  Uint8Array.from(
    values.flatMap((value) => (typeof value === 'string' ? [...Buffer.from(value, 'latin1')] : [value])),
  );

/** A 24-bit BMP's file header and the start of its BITMAPINFOHEADER. */
const BMP_HEAD = bytes('BM', 0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0);

describe('sniffAssetMime', () => {
  it.each([
    ['a PNG', tinyPng(1, 2, 3), 'image/png'],
    ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF', 0), 'image/jpeg'],
    ['a BMP', BMP_HEAD, 'image/bmp'],
    ['an MP3 starting with a frame', tinyMp3(1), 'audio/mpeg'],
    ['an MP3 starting with an ID3v2 tag', bytes('ID3', 4, 0, 0, 0, 0, 0, 0x21), 'audio/mpeg'],
    ['an MPEG-2 Layer III frame', bytes(0xff, 0xf3, 0x84, 0xc4), 'audio/mpeg'],
    ['an Ogg stream', bytes('OggS', 0, 2, 0, 0, 0, 0, 0, 0, 0, 0), 'audio/ogg'],
    ['a WAV', tinyWav(), 'audio/wav'],
  ])('should recognise %s', (_label, head, mime) => {
    expect(sniffAssetMime(head)).toBe(mime);
  });

  it.each([
    ['text', bytes('Once upon a time')],
    ['text that starts with BM', bytes('BMX is a bicycle sport')],
    ['an AIFF file', bytes('FORM', 0, 0, 0, 0, 'AIFF')],
    ['an AAC ADTS frame (layer bits 00)', bytes(0xff, 0xf1, 0x50, 0x80)],
    ['a sync word with a reserved sample rate', bytes(0xff, 0xfb, 0x9c, 0x64)],
    ['a sync word with a bad bitrate', bytes(0xff, 0xfb, 0xf0, 0x64)],
    ['an empty file', bytes()],
  ])('should not recognise %s', (_label, head) => {
    expect(sniffAssetMime(head)).toBeNull();
  });
});
