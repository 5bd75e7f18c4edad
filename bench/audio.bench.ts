/**
 * The audio pipeline on 10 minutes of speech-like audio, against Debian's ffmpeg doing the
 * same work in the same run: MP3 and Opus encoding (goal: at least half ffmpeg's speed, so a
 * ratio ≤ 2), MP3 and Opus decoding, and the whole preparation of a page for Lunii (decode,
 * trim, resample, two-pass loudness normalisation with a true-peak limiter, encode) against
 * ffmpeg's loudnorm + LAME. Skipped, saying so, where ffmpeg is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openAudio } from '../device-bridge/audio/decode/open-audio';
import { encodeMp3 } from '../device-bridge/audio/encode/mp3-encoder';
import { encodeOggOpus } from '../device-bridge/audio/encode/opus-encoder';
import { prepareAudio } from '../device-bridge/audio/prepare-audio';
import { encodeWavMono16 } from '../device-bridge/audio/wav-encode';
import type { BenchResult } from './bench-result';

const SECONDS = 600;
const RUNS = 2;

/** Voiced-speech-like: a wandering pitch with harmonics, syllable bursts, pauses. */
function speechLike(rate: number): Float32Array {
  const samples = new Float32Array(rate * SECONDS);
  let phase = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const t = i / rate;
    const pitch = 140 + 40 * Math.sin(2 * Math.PI * 0.3 * t);
    phase += (2 * Math.PI * pitch) / rate;
    const syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * t));
    const pause = Math.sin(2 * Math.PI * 0.2 * t) > 0.8 ? 0 : 1;
    samples[i] =
      0.25 * pause * syllable * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase));
  }
  return samples;
}

async function best(run: () => Promise<unknown>): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

function ffmpegRun(args: string[]): () => Promise<void> {
  return async () => {
    const result = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed`);
  };
}

async function drain(path: string): Promise<void> {
  for await (const chunk of (await openAudio(path)).pcm()) void chunk;
}

function named(what: string, ms: number): string {
  return `${what} (ours ${((SECONDS * 1000) / ms).toFixed(0)}x realtime)`;
}

export async function benchAudio(): Promise<BenchResult[] | null> {
  if (spawnSync('ffmpeg', ['-version']).status !== 0) {
    console.log('audio: skipped, ffmpeg is not installed (apt-get install ffmpeg) to compare with');
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'talemo-bench-audio-'));
  try {
    const wav44 = join(dir, 'speech-44k.wav');
    const wav48 = join(dir, 'speech-48k.wav');
    writeFileSync(wav44, encodeWavMono16(speechLike(44_100), 44_100));
    writeFileSync(wav48, encodeWavMono16(speechLike(48_000), 48_000));
    const ourMp3 = join(dir, 'ours.mp3');
    const ourOpus = join(dir, 'ours.opus');
    const results: BenchResult[] = [];

    const mp3Ms = await best(async () => encodeMp3((await openAudio(wav44)).pcm(), ourMp3));
    const ffMp3Ms = await best(
      ffmpegRun(['-i', wav44, '-c:a', 'libmp3lame', '-b:a', '128k', '-ac', '1', join(dir, 'ff.mp3')]),
    );
    results.push({
      name: named('MP3 encode 10 min', mp3Ms),
      baseline: 'ffmpeg libmp3lame',
      ms: mp3Ms,
      baselineMs: ffMp3Ms,
    });

    const opusMs = await best(async () =>
      encodeOggOpus((await openAudio(wav48)).pcm(), ourOpus, { channels: 1 }),
    );
    const ffOpusMs = await best(
      ffmpegRun(['-i', wav48, '-c:a', 'libopus', '-b:a', '96k', '-ac', '1', join(dir, 'ff.opus')]),
    );
    results.push({
      name: named('Opus encode 10 min', opusMs),
      baseline: 'ffmpeg libopus',
      ms: opusMs,
      baselineMs: ffOpusMs,
    });

    const mp3DecodeMs = await best(() => drain(ourMp3));
    const ffMp3DecodeMs = await best(ffmpegRun(['-i', ourMp3, '-f', 'f32le', '/dev/null']));
    results.push({
      name: named('MP3 decode 10 min', mp3DecodeMs),
      baseline: 'ffmpeg decode',
      ms: mp3DecodeMs,
      baselineMs: ffMp3DecodeMs,
    });

    const opusDecodeMs = await best(() => drain(ourOpus));
    const ffOpusDecodeMs = await best(ffmpegRun(['-i', ourOpus, '-f', 'f32le', '/dev/null']));
    results.push({
      name: named('Opus decode 10 min', opusDecodeMs),
      baseline: 'ffmpeg decode',
      ms: opusDecodeMs,
      baselineMs: ffOpusDecodeMs,
    });

    const prepareMs = await best(() => prepareAudio(wav48, join(dir, 'page.mp3'), { target: 'lunii-mp3' }));
    const ffPrepareMs = await best(
      ffmpegRun([
        '-i',
        wav48,
        '-af',
        'loudnorm=I=-14:TP=-1,aresample=44100',
        '-ac',
        '1',
        '-c:a',
        'libmp3lame',
        '-b:a',
        '128k',
        join(dir, 'ff-page.mp3'),
      ]),
    );
    results.push({
      name: named('Prepare 10 min for Lunii (trim, 48→44.1 kHz, 2-pass loudness + limiter, MP3)', prepareMs),
      baseline: 'ffmpeg loudnorm (1 pass) + LAME',
      ms: prepareMs,
      baselineMs: ffPrepareMs,
    });
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
