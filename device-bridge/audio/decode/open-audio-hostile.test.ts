import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePngRgb } from '../../image/png-encode.js';
import {
  collectPcm,
  encodeFlacVerbatim,
  encodeMp3,
  encodeOpus,
  encodeWav,
  muxOpus,
  muxSilentAac,
  sine,
  withLameInfoFrame,
  zeroCrossingHz,
} from './make-test-audio.js';
import { AudioDecodeError, openAudio } from './open-audio.js';

let dir: string;
const files: Record<string, Uint8Array> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talemo-hostile-'));
  const tone44 = sine(44100 * 3, 44100, 440, 0.5);
  const tone48 = sine(48000 * 3, 48000, 440, 0.5);
  files.wav = encodeWav([tone44], { sampleRate: 44100, bits: 16 });
  files.mp3 = withLameInfoFrame(await encodeMp3([tone44], 44100, 128_000), tone44.length);
  files.plainMp3 = await encodeMp3([tone44], 44100, 128_000);
  const opus = encodeOpus([tone48]);
  files.opus = await muxOpus(opus, 'ogg');
  files.webm = await muxOpus(opus, 'webm');
  files.flac = encodeFlacVerbatim([tone44], 44100, 16);
  files.vorbis = await readFile(join(import.meta.dirname, 'fixtures', 'tone-440hz-22050hz-vorbis.ogg'));
  files.m4a = await muxSilentAac(120);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileOf(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function openError(path: string): Promise<AudioDecodeError> {
  const error = await openAudio(path, { ffmpegPath: null }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AudioDecodeError);
  return error as AudioDecodeError;
}

/** A fixed pseudo-random sequence (xorshift), so a failure can be replayed. */
function noise(length: number, seed = 0x2545f491): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('files that are not audio', () => {
  it('says an empty file is empty', async () => {
    const error = await openError(await fileOf('story.mp3', new Uint8Array(0)));
    expect(error.code).toBe('empty');
    expect(error.message).toBe('story.mp3 is empty (0 bytes)');
  });

  it('says random bytes are not audio', async () => {
    const error = await openError(await fileOf('noise.mp3', noise(100_000)));
    expect(error.code).toBe('not-audio');
    expect(error.message).toMatch(/^noise\.mp3 is not in any audio format Talemo knows/);
  });

  it.each([
    ['cover.mp3', () => encodePngRgb(2, 2, new Uint8Array(12)), 'a PNG image'],
    ['notes.wav', () => 'Il était une fois, un renard qui parlait aux étoiles.\n', 'a text file'],
    ['page.ogg', () => '<!DOCTYPE html><html><body>story</body></html>', 'a web page (HTML)'],
    ['book.m4a', () => '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< >>\nendobj\n', 'a PDF document'],
    ['pack.flac', () => Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Uint8Array(18)]), 'a ZIP archive'],
    ['backup.webm', () => gzipSync('story'), 'a gzip archive'],
  ])('%s is named as audio but is %s', async (name, make, what) => {
    const error = await openError(await fileOf(name, make()));
    expect(error.code).toBe('not-audio');
    expect(error.message).toBe(`${name} is not audio: it is ${what}`);
  });

  it('names audio formats it does not read', async () => {
    const aiff = Uint8Array.from([...Buffer.from('FORM'), 0, 0, 0, 4, ...Buffer.from('AIFF')]);
    const error = await openError(await fileOf('old.aif', aiff));
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe('old.aif is an AIFF file, which Talemo cannot read');
  });
});

describe('files whose name lies', () => {
  it('decodes a WAV named .mp3 by its content and says so', async () => {
    const source = await openAudio(await fileOf('story.mp3', files.wav!));
    expect(source.format.container).toBe('wav');
    expect(source.format.extensionMismatch).toBe('named .mp3 but is a WAV file');
    const { planes } = await collectPcm(source.pcm());
    expect(planes[0]!.length).toBe(44100 * 3);
  });

  it('decodes an MP3 named .wav, and an Ogg Opus named .webm', async () => {
    const mp3 = await openAudio(await fileOf('song.wav', files.mp3!));
    expect(mp3.format.extensionMismatch).toBe('named .wav but is an MP3 file');
    const opus = await openAudio(await fileOf('memo.webm', files.opus!));
    expect(opus.format).toMatchObject({
      codec: 'opus',
      extensionMismatch: 'named .webm but is an Ogg Opus file',
    });
    expect(zeroCrossingHz((await collectPcm(opus.pcm())).planes[0]!, 48000)).toBeCloseTo(440, 0);
  });
});

describe('files cut short', () => {
  it('WAV: decodes what is there and reports both lengths', async () => {
    const held = sine(Math.round(44100 * 4.2), 44100, 440, 0.5);
    const announced = 44100 * 10 * 2;
    const path = await fileOf(
      'y.wav',
      encodeWav([held], { sampleRate: 44100, bits: 16, announcedDataBytes: announced }),
    );
    const source = await openAudio(path);
    expect(source.issues).toEqual(['y.wav is cut short: the header announces 10.0 s, the file holds 4.2 s']);
    expect(source.format.durationSeconds).toBeCloseTo(4.2, 5);
    expect((await collectPcm(source.pcm())).planes[0]!.length).toBe(held.length);
  });

  it('WAV whose header announces 2 GB: reads the one second there, without allocating for the claim', async () => {
    const second = sine(44100, 44100, 440, 0.5);
    const path = await fileOf(
      'huge.wav',
      encodeWav([second], { sampleRate: 44100, bits: 16, announcedDataBytes: 0x7ffffff0 }),
    );
    const before = process.memoryUsage().rss;
    const source = await openAudio(path);
    expect(source.issues[0]).toMatch(
      /^huge\.wav is cut short: the header announces 405 min 48 s, the file holds 1\.0 s$/,
    );
    expect((await collectPcm(source.pcm())).planes[0]!.length).toBe(44100);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('WAV cut inside its header', async () => {
    const error = await openError(await fileOf('head.wav', files.wav!.subarray(0, 30)));
    expect(error.code).toBe('truncated');
  });

  it('MP3 with a LAME tag: the tag tells at open time; whole frames still decode', async () => {
    const cut = files.mp3!.subarray(0, Math.floor(files.mp3!.byteLength * 0.6) + 7);
    const source = await openAudio(await fileOf('cut.mp3', cut));
    expect(source.issues).toHaveLength(1);
    expect(source.issues[0]).toMatch(
      /^cut\.mp3 is cut short: the header announces 3\.0 s, the file holds 1\.[78] s$/,
    );
    const { planes } = await collectPcm(source.pcm());
    expect(planes[0]!.length / 44100).toBeCloseTo(1.8, 1);
    expect(source.issues).toHaveLength(1); // decoding does not repeat it
  });

  it('MP3 without tags cut mid-frame: found while decoding', async () => {
    const cut = files.plainMp3!.subarray(0, Math.floor(files.plainMp3!.byteLength / 2) + 100);
    const source = await openAudio(await fileOf('cut-plain.mp3', cut));
    expect(source.issues).toEqual([]);
    const { planes } = await collectPcm(source.pcm());
    expect(planes[0]!.length / 44100).toBeCloseTo(1.5, 1);
    expect(source.issues).toEqual([
      expect.stringMatching(
        /^cut-plain\.mp3 is cut short: it stops in the middle of a frame; the file holds 1\.\d s$/,
      ),
    ]);
  });

  // The Vorbis fixture is 5.6 KB, 3.3 KB of it headers: 88% of it cuts its audio in half.
  it.each([
    ['opus', 'cut.opus', 48000, 3, 0.55],
    ['vorbis', 'cut.ogg', 22050, 45000 / 22050, 0.88],
  ] as const)(
    'Ogg %s: no end-of-stream mark; intact pages decode, nothing invented',
    async (key, name, rate, seconds, keep) => {
      const whole = files[key]!;
      const source = await openAudio(
        await fileOf(name, whole.subarray(0, Math.floor(whole.byteLength * keep))),
      );
      expect(source.issues[0]).toMatch(
        /is cut short: it stops without its end-of-stream mark; the file holds \d\.\d s$/,
      );
      const { planes } = await collectPcm(source.pcm());
      expect(planes[0]!.length / rate).toBeGreaterThan(seconds * 0.3);
      expect(planes[0]!.length / rate).toBeLessThan(seconds * 0.6);
      expect(source.format.durationSeconds! * rate).toBeCloseTo(planes[0]!.length, -3);
    },
  );

  it('FLAC: STREAMINFO announces the length; decoding reports what was there', async () => {
    const source = await openAudio(
      await fileOf('cut.flac', files.flac!.subarray(0, files.flac!.byteLength / 2 + 3)),
    );
    expect(source.format.durationSeconds).toBe(3);
    const { planes } = await collectPcm(source.pcm());
    expect(planes[0]!.length / 44100).toBeCloseTo(1.5, 1);
    expect(source.issues).toEqual([
      expect.stringMatching(/^cut\.flac is cut short: the header announces 3\.0 s, the file holds 1\.\d s$/),
    ]);
  });

  it('WebM with a duration: decodes what is there and reports it', async () => {
    const whole = files.webm!;
    const source = await openAudio(
      await fileOf('cut.webm', whole.subarray(0, Math.floor(whole.byteLength * 0.5))),
    );
    const { planes } = await collectPcm(source.pcm());
    expect(planes[0]!.length / 48000).toBeLessThan(2);
    expect(source.issues).toEqual([
      expect.stringMatching(/^cut\.webm is cut short: the header announces 3\.0 s, the file holds 1\.\d s$/),
    ]);
  });

  it('M4A cut before its index: a clear error', async () => {
    const whole = files.m4a!;
    const error = await openError(
      await fileOf('cut.m4a', whole.subarray(0, Math.floor(whole.byteLength / 2))),
    );
    expect(['corrupt', 'truncated']).toContain(error.code);
    expect(error.message).toMatch(/^cut\.m4a /);
  });

  it('two Ogg Opus files joined end to end: the first is read, whole and exact', async () => {
    const joinedFiles = Buffer.concat([files.opus!, files.opus!]);
    const source = await openAudio(await fileOf('joined.opus', joinedFiles));
    const { planes } = await collectPcm(source.pcm());
    expect(planes[0]!.length).toBe(48000 * 3);
  });

  it('an ID3 tag with nothing after it', async () => {
    const tag = Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 10, ...new Uint8Array(10)]);
    const error = await openError(await fileOf('tag-only.mp3', tag));
    expect(error.code).toBe('truncated');
    expect(error.message).toBe('tag-only.mp3 holds only a tag (ID3), no audio after it');
  });
});

describe('damaged files never hang or crash', () => {
  /** Flips bytes through the middle half, as a bad disk or download would. */
  function damage(bytes: Uint8Array): Uint8Array {
    const out = bytes.slice();
    for (let i = Math.floor(out.length / 4); i < (out.length * 3) / 4; i += 397) out[i]! ^= 0x5a;
    return out;
  }

  it.each(['wav', 'mp3', 'plainMp3', 'opus', 'vorbis', 'flac', 'webm'])(
    '%s with damage in the middle: decodes, or says it cannot, in bounded time',
    async (key) => {
      const name = `damaged-${key}`;
      const path = await fileOf(name, damage(files[key]!));
      try {
        const source = await openAudio(path);
        const { planes } = await collectPcm(source.pcm());
        expect(planes.length).toBeGreaterThan(0);
        if (key !== 'wav') expect(source.issues.join(' ')).toMatch(/damaged|cut short/);
      } catch (error) {
        expect(error).toBeInstanceOf(AudioDecodeError);
        expect((error as Error).message.startsWith(name)).toBe(true);
      }
    },
  );

  it('two good FLAC frames, then megabytes of noise', async () => {
    // STREAMINFO (42 bytes), then verbatim frames of 4096 mono 16-bit samples (8,205 bytes).
    const start = files.flac!.subarray(0, 42 + 2 * 8205 + 1000);
    const path = await fileOf('noise-tail.flac', Buffer.concat([start, noise(3_000_000, 7)]));
    const source = await openAudio(path);
    const { planes } = await collectPcm(source.pcm());
    expect(planes[0]!.length).toBe(2 * 4096);
    expect(source.issues.join(' ')).toMatch(
      /^noise-tail\.flac is cut short: the header announces 3\.0 s, the file holds 0\.2 s/,
    );
  });

  it('copying a file while it is read does not matter: each pcm() reopens it', async () => {
    const path = join(dir, 'copy.ogg');
    await copyFile(join(import.meta.dirname, 'fixtures', 'tone-440hz-22050hz-vorbis.ogg'), path);
    const source = await openAudio(path);
    const [a, b] = await Promise.all([collectPcm(source.pcm()), collectPcm(source.pcm())]);
    expect(a.planes[0]).toEqual(b.planes[0]);
  });
});
