/**
 * Optional cross-checks against files made by real-world encoders. They need a system
 * ffmpeg (to make the files, not to decode them) and are skipped, with the reason in their
 * title, where none is installed. The decoders never need ffmpeg except for AAC.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFfmpeg } from './ffmpeg-pcm.js';
import { collectPcm, encodeWav, sine, zeroCrossingHz } from './make-test-audio.js';
import { openAudio } from './open-audio.js';

const ffmpeg = await findFfmpeg(undefined);
const run = promisify(execFile);
const RATE = 44100;
const FRAMES = RATE * 3 + 321;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talemo-ffmpeg-'));
  await writeFile(
    join(dir, 'tone.wav'),
    encodeWav([sine(FRAMES, RATE, 440, 0.5)], { sampleRate: RATE, bits: 16 }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!ffmpeg)(
  `files from ffmpeg's encoders (${ffmpeg ? 'ffmpeg found' : 'skipped: no ffmpeg on PATH'})`,
  () => {
    it.each([
      // name, ffmpeg arguments, container, codec, output rate, allowed length error in frames
      ['lame.mp3', ['-c:a', 'libmp3lame', '-b:a', '96k'], 'mp3', 'mp3', RATE, 0],
      ['vorbis.ogg', ['-c:a', 'libvorbis', '-q:a', '3'], 'ogg', 'vorbis', RATE, 0],
      ['opus.opus', ['-c:a', 'libopus', '-b:a', '64k'], 'ogg', 'opus', 48000, 1],
      ['libflac.flac', ['-c:a', 'flac', '-compression_level', '8'], 'flac', 'flac', RATE, 0],
      ['opus.webm', ['-c:a', 'libopus', '-b:a', '64k'], 'webm', 'opus', 48000, 960],
    ] as const)(
      '%s decodes to the original length and pitch',
      async (name, args, container, codec, rate, slack) => {
        const path = join(dir, name);
        await run(ffmpeg!, ['-v', 'error', '-y', '-i', join(dir, 'tone.wav'), ...args, path]);
        const source = await openAudio(path, { ffmpegPath: null });
        expect(source.format).toMatchObject({ container, codec, sampleRate: rate, channels: 1 });
        const expected = Math.round((FRAMES * rate) / RATE);
        const { planes } = await collectPcm(source.pcm());
        // Resampling to 48 kHz for Opus may round the length by a sample.
        expect(Math.abs(planes[0]!.length - expected)).toBeLessThanOrEqual(slack);
        expect(Math.abs(source.format.durationSeconds! - expected / rate)).toBeLessThan(0.021);
        expect(zeroCrossingHz(planes[0]!, rate)).toBeCloseTo(440, 0);
        expect(source.issues).toEqual([]);
      },
    );

    it('M4A/AAC decodes through ffmpeg within one AAC frame', async () => {
      const path = join(dir, 'aac.m4a');
      await run(ffmpeg!, [
        '-v',
        'error',
        '-y',
        '-i',
        join(dir, 'tone.wav'),
        '-c:a',
        'aac',
        '-b:a',
        '96k',
        path,
      ]);
      const source = await openAudio(path, { ffmpegPath: ffmpeg });
      expect(source.format).toMatchObject({ container: 'mp4', codec: 'aac', sampleRate: RATE, channels: 1 });
      const { planes } = await collectPcm(source.pcm());
      expect(Math.abs(planes[0]!.length - FRAMES)).toBeLessThanOrEqual(1024);
      expect(zeroCrossingHz(planes[0]!, RATE)).toBeCloseTo(440, 0);
    });
  },
);

// espeak-ng speech samples live in the shared folder beside the repository when there is one.
const samples = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'models', 'samples');
const speech = join(samples, 'espeak-en-us-16k.wav');
describe.skipIf(!existsSync(speech))(
  // The tag makes `npm test` count this as a missing fixture, not a failure (models/shared-models.ts).
  `real speech [needs ../shared/models]`,
  () => {
    it('decodes an espeak-ng recording to its announced length', async () => {
      const source = await openAudio(speech);
      expect(source.format).toMatchObject({ container: 'wav', sampleRate: 16000 });
      const { planes } = await collectPcm(source.pcm());
      expect(planes[0]!.length / 16000).toBeCloseTo(source.format.durationSeconds!, 4);
      expect(planes[0]!.some((value) => Math.abs(value) > 0.05)).toBe(true);
    });
  },
);
