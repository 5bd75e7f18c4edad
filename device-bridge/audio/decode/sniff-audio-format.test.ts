import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePngRgb } from '../../image/png-encode.js';
import {
  encodeFlacVerbatim,
  encodeMp3,
  encodeOpus,
  encodeWav,
  muxOpus,
  muxSilentAac,
  sine,
} from './make-test-audio.js';
import { sniffAudioFormat } from './sniff-audio-format.js';

const tone = sine(8000, 8000, 440, 0.5);
const tone48 = sine(9600, 48000, 440, 0.5);

/** An ID3v2.4 tag with `size` bytes of (zero) frames. */
function id3(size: number): Uint8Array {
  const tag = new Uint8Array(10 + size);
  tag.set([
    0x49,
    0x44,
    0x33,
    4,
    0,
    0,
    (size >> 21) & 0x7f,
    (size >> 14) & 0x7f,
    (size >> 7) & 0x7f,
    size & 0x7f,
  ]);
  return tag;
}

function joined(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

describe('sniffAudioFormat', () => {
  it.each([
    ['WAV', async () => encodeWav([tone], { sampleRate: 8000, bits: 16 }), 'wav', 'pcm'],
    ['MP3', async () => encodeMp3([tone], 8000, 16000), 'mp3', 'mp3'],
    ['Ogg Opus', async () => muxOpus(encodeOpus([tone48]), 'ogg'), 'ogg', 'opus'],
    [
      'Ogg Vorbis',
      async () => readFile(join(import.meta.dirname, 'fixtures', 'tone-440hz-22050hz-vorbis.ogg')),
      'ogg',
      'vorbis',
    ],
    ['FLAC', async () => encodeFlacVerbatim([tone], 8000, 16), 'flac', 'flac'],
    ['WebM', async () => muxOpus(encodeOpus([tone48]), 'webm'), 'webm', null],
    ['M4A', async () => muxSilentAac(4), 'mp4', null],
  ])('recognises %s by content', async (_name, make, container, codec) => {
    const sniffed = sniffAudioFormat((await make()).subarray(0, 64 * 1024));
    expect(sniffed).toMatchObject({ kind: 'audio', container, codec, streamOffset: 0 });
  });

  it('finds MP3 and FLAC after an ID3v2 tag, and says where the stream starts', async () => {
    const mp3 = await encodeMp3([tone], 8000, 16000);
    expect(sniffAudioFormat(joined(id3(300), mp3))).toMatchObject({ container: 'mp3', streamOffset: 310 });
    const flac = encodeFlacVerbatim([tone], 8000, 16);
    expect(sniffAudioFormat(joined(id3(20), flac))).toMatchObject({ container: 'flac', streamOffset: 30 });
  });

  it('does not take one stray MPEG-like header for MP3', () => {
    const bytes = new Uint8Array(4096);
    bytes.set([0xff, 0xfb, 0x90, 0x64], 100); // a valid header, but no second frame after it
    expect(sniffAudioFormat(bytes)).toEqual({ kind: 'unknown' });
    bytes.set([0xff, 0xfb, 0x90, 0x64], 100 + 417); // 128 kbit/s at 44.1 kHz: the next frame
    expect(sniffAudioFormat(bytes)).toMatchObject({ kind: 'audio', container: 'mp3', streamOffset: 100 });
  });

  it.each([
    [encodePngRgb(1, 1, new Uint8Array(3)), 'a PNG image'],
    [Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), 'a JPEG image'],
    [new TextEncoder().encode('GIF89a....'), 'a GIF image'],
    [new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '), 'a WebP image'],
    [new TextEncoder().encode('RIFF\0\0\0\0AVI LIST'), 'an AVI video'],
    [new TextEncoder().encode('\0\0\0\x18ftypheic\0\0\0\0'), 'a HEIC/AVIF image'],
    [new TextEncoder().encode('%PDF-1.7\n'), 'a PDF document'],
    [Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0]), 'a ZIP archive'],
    [new TextEncoder().encode('SQLite format 3\0'), 'an SQLite database'],
    [new TextEncoder().encode('Once upon a time… une histoire.\r\n'), 'a text file'],
    [new TextEncoder().encode('  <!doctype html><title>x</title>'), 'a web page (HTML)'],
  ])('tells what a non-audio file is: %#', (bytes, description) => {
    expect(sniffAudioFormat(bytes)).toEqual({ kind: 'not-audio', description });
  });

  it.each([
    ['FORM\0\0\0\0AIFF', 'an AIFF file'],
    ['MThd\0\0\0\x06', 'a MIDI file (notes, not sound)'],
    ['#!AMR\n', 'an AMR voice recording'],
  ])('names audio it does not decode: %s', (text, description) => {
    expect(sniffAudioFormat(new TextEncoder().encode(text))).toEqual({ kind: 'other-audio', description });
  });

  it('names raw AAC (ADTS)', () => {
    expect(sniffAudioFormat(Uint8Array.from([0xff, 0xf1, 0x50, 0x40, 0x01, 0x7f, 0xfc]))).toEqual({
      kind: 'other-audio',
      description: 'raw AAC (ADTS) audio',
    });
  });
});
