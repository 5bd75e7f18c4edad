/**
 * The Piper voice for real, with a tiny ONNX model written by the test (`tiny-piper-voice.ts`):
 * real espeak-ng phonemes, our id mapping, a real onnxruntime-node session in a worker thread
 * and a real WAV file. The model echoes its inputs as audio, so the WAV tells exactly what our
 * code fed it.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { phonemesToIds } from './piper-phoneme-ids';
import {
  audioToPcm16,
  findPiperVoiceFiles,
  PIPER_SENTENCE_SILENCE_SECONDS,
  PiperVoice,
  splitLongSentence,
} from './piper-voice';
import { SpeechEngineError } from './speech-engine-error';
import { TINY_VOICE_SYMBOLS, writeTinyPiperVoice } from './tiny-piper-voice';
import { readWavSamples } from './wav-file';

const root = mkdtempSync(join(tmpdir(), 'talemo-piper-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;
const wavPath = (): string => join(root, `out-${(count += 1)}.wav`);

/** The tiny voice's id of each symbol (its index in the list the voice was written with). */
const idsOf = (symbols: string[]): number[] => symbols.map((symbol) => TINY_VOICE_SYMBOLS.indexOf(symbol));

/** ^ _ p1 _ p2 _ … $ for these phonemes, as Piper lays out a sentence. */
const sentenceIds = (phonemes: string[]): number[] =>
  idsOf(['^', '_', ...phonemes.flatMap((phoneme) => [phoneme, '_']), '$']);

/** "bɔ̃ʒˈuʁ." as code points after NFD (espeak-ng 1.51's IPA for « Bonjour. »). */
const BONJOUR = ['b', 'ɔ', '\u0303', 'ʒ', 'ˈ', 'u', 'ʁ', '.'];

/** Undoes the per-sentence peak normalisation: the values the model output, within a step. */
function expectEcho(samples: Int16Array, expected: number[]): void {
  expect(samples.length).toBe(expected.length);
  const peak = Math.max(...expected.map(Math.abs));
  const step = peak / 32_767;
  expected.forEach((value, i) => {
    expect(Math.abs((samples[i]! / 32_767) * peak - value), `sample ${i}`).toBeLessThanOrEqual(step);
  });
}

describe('phonemesToIds', () => {
  const map = new Map<string, number[]>([
    ['_', [0]],
    ['^', [1]],
    ['$', [2]],
    ['a', [10]],
    ['\u0303', [11]],
    ['ɔ', [12, 13]],
  ]);

  it('lays out ^ _ p _ … $ over NFD code points, and counts the phonemes it skips', () => {
    const { ids, missing } = phonemesToIds('ɔ̃aXa', map);
    expect(ids).toEqual([1, 0, 12, 13, 0, 11, 0, 10, 0, 10, 0, 2]);
    expect([...missing]).toEqual([['X', 1]]);
    expect(phonemesToIds('', map).ids).toEqual([1, 0, 2]);
  });
});

describe('PiperVoice with a tiny real ONNX voice', () => {
  let voice: PiperVoice;
  let multi: PiperVoice;

  beforeAll(async () => {
    [voice, multi] = await Promise.all([
      PiperVoice.load(writeTinyPiperVoice(join(root, 'fr-tiny'), 'fr_FR-tiny-x_low')),
      PiperVoice.load(writeTinyPiperVoice(join(root, 'multi'), 'multi', { multiSpeaker: true })),
    ]);
  });

  afterAll(async () => {
    await voice?.close();
    await multi?.close();
  });

  it('reads the voice config', () => {
    expect(voice.sampleRate).toBe(16_000);
    expect(voice.config).toMatchObject({ espeakVoice: 'fr', language: 'fr', lengthScale: 1.25, speakers: 1 });
    expect(voice.files.name).toBe('fr_FR-tiny-x_low');
  });

  it('feeds the model the phoneme ids of the text, its length and its scales, and writes what it says', async () => {
    const path = wavPath();
    const result = await voice.synthesize('Bonjour.', {}, path);
    const ids = sentenceIds(BONJOUR);
    const { info, samples } = await readWavSamples(path);
    expect(info).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16 });
    expect(result).toEqual({ sampleRate: 16_000, durationSeconds: samples.length / 16_000 });
    expectEcho(samples, [...ids, ids.length, 0.667, 1.25, 0.8]);
  });

  it('runs the model once per sentence, with Piper’s pause between sentences', async () => {
    const path = wavPath();
    await voice.synthesize('Bonjour. Bonjour, bonjour !', { rate: 1 }, path);
    const { samples } = await readWavSamples(path);
    const first = sentenceIds(BONJOUR);
    const second = sentenceIds([...BONJOUR.slice(0, -1), ',', ' ', ...BONJOUR.slice(0, -1), '!']);
    const silence = Math.round(PIPER_SENTENCE_SILENCE_SECONDS * 16_000);
    expect(samples.length).toBe(first.length + 4 + silence + second.length + 4);
    expectEcho(samples.subarray(0, first.length + 4), [...first, first.length, 0.667, 1.25, 0.8]);
    expect(samples.subarray(first.length + 4, first.length + 4 + silence).every((s) => s === 0)).toBe(true);
    expectEcho(samples.subarray(first.length + 4 + silence), [...second, second.length, 0.667, 1.25, 0.8]);
  });

  it('divides the length scale by the rate', async () => {
    const ids = sentenceIds(BONJOUR);
    for (const [rate, lengthScale] of [
      [2, 0.625],
      [0.5, 2.5],
    ] as const) {
      const path = wavPath();
      await voice.synthesize('Bonjour.', { rate }, path);
      expectEcho((await readWavSamples(path)).samples, [...ids, ids.length, 0.667, lengthScale, 0.8]);
    }
    await expect(voice.synthesize('Bonjour.', { rate: 3 }, wavPath())).rejects.toMatchObject({
      code: 'bad-input',
    });
  });

  it('passes the speaker id to a multi-speaker voice, and refuses one it does not have', async () => {
    const path = wavPath();
    await multi.synthesize('Bonjour.', { speakerId: 3 }, path);
    const ids = sentenceIds(BONJOUR);
    expectEcho((await readWavSamples(path)).samples, [...ids, ids.length, 0.667, 1.25, 0.8, 3]);
    await expect(multi.synthesize('Bonjour.', { speakerId: 4 }, wavPath())).rejects.toMatchObject({
      code: 'bad-input',
    });
  });

  it('skips phonemes the voice does not know, as Piper does', async () => {
    const partial = await PiperVoice.load(
      writeTinyPiperVoice(join(root, 'no-r'), 'no-r', { without: ['ʁ'] }),
    );
    try {
      expect(await partial.phonemeIds('Bonjour.')).toEqual([
        sentenceIds(BONJOUR.filter((phoneme) => phoneme !== 'ʁ')),
      ]);
    } finally {
      await partial.close();
    }
  });

  it('writes an empty WAV for a text with nothing to say', async () => {
    const path = wavPath();
    expect(await voice.synthesize(' … ', {}, path)).toEqual({ sampleRate: 16_000, durationSeconds: 0 });
    expect((await readWavSamples(path)).samples.length).toBe(0);
  });

  it('stops when cancelled and leaves no file', async () => {
    const text = Array.from({ length: 400 }, (_, i) => `Phrase ${i + 1}.`).join(' ');
    const before = readdirSync(root).length;
    const controller = new AbortController();
    const path = wavPath();
    const speaking = voice.synthesize(text, {}, path, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(speaking).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(root).length).toBe(before);
    // The voice is still usable afterwards.
    await voice.synthesize('Bonjour.', {}, wavPath());
  });
});

describe('Piper voice folders that cannot be used', () => {
  const folder = (name: string): string => {
    const path = join(root, 'bad', name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const loadError = (path: string): Promise<unknown> =>
    PiperVoice.load(path).catch((error: unknown) => error);

  it('names a missing folder, a folder without a voice, a missing config and a download in progress', () => {
    expect(() => findPiperVoiceFiles(join(root, 'nowhere'))).toThrow(/no Piper voice folder at/);
    expect(() => findPiperVoiceFiles(folder('empty'))).toThrow(/holds no Piper voice/);
    const noConfig = folder('no-config');
    writeFileSync(join(noConfig, 'v.onnx'), 'x');
    expect(() => findPiperVoiceFiles(noConfig)).toThrow(/lacks v\.onnx\.json/);
    const downloading = folder('downloading');
    writeFileSync(join(downloading, 'v.onnx.part'), 'x');
    expect(() => findPiperVoiceFiles(downloading)).toThrow(/still downloading/);
    const two = writeTinyPiperVoice(folder('two'), 'a');
    writeTinyPiperVoice(two, 'b');
    expect(() => findPiperVoiceFiles(two)).toThrow(/several Piper voices \(a\.onnx, b\.onnx\)/);
  });

  it('refuses a config that is not JSON, not an espeak voice, or lacks Piper’s symbols', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['not-json', '{ nope', /is not JSON/],
      ['text-type', { phoneme_type: 'text' }, /phoneme type "text"/],
      ['no-bos', { phoneme_id_map: { _: [0], $: [2] } }, /lacks "\^"/],
      ['no-rate', { audio: {} }, /audio\.sample_rate/],
    ];
    for (const [name, change, message] of cases) {
      const path = writeTinyPiperVoice(folder(name), name);
      const config = join(path, `${name}.onnx.json`);
      if (typeof change === 'string') writeFileSync(config, change);
      else {
        const json = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(config, 'utf8')));
        writeFileSync(config, JSON.stringify({ ...json, ...(change as object) }));
      }
      const error = await loadError(path);
      expect(error, name).toBeInstanceOf(SpeechEngineError);
      expect(error).toMatchObject({ code: 'bad-voice-folder' });
      expect((error as Error).message).toMatch(message);
    }
  });

  it('reports a model file ONNX Runtime cannot read, from the worker', async () => {
    const path = writeTinyPiperVoice(folder('garbage'), 'garbage');
    writeFileSync(join(path, 'garbage.onnx'), 'not a model');
    const error = await loadError(path);
    expect(error).toMatchObject({ code: 'bad-voice-folder' });
    expect((error as Error).message).toMatch(/could not load the Piper voice .*garbage\.onnx/);
  });
});

describe('audio and sentence helpers', () => {
  it('scales each sentence to full scale, but does not blow up near-silence', () => {
    expect(Array.from(audioToPcm16(Float32Array.of(0.5, -0.125, 0)))).toEqual([32_767, -8192, 0]);
    expect(Array.from(audioToPcm16(Float32Array.of(0.001, -0.004)))).toEqual([3277, -13_107]);
  });

  it('cuts an over-long sentence at clause ends, else at spaces', () => {
    expect(splitLongSentence('ab, cd ef, gh.', 8)).toEqual(['ab,', 'cd ef,', 'gh.']);
    expect(splitLongSentence('abc def ghi', 5)).toEqual(['abc', 'def', 'ghi']);
    expect(splitLongSentence('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    expect(splitLongSentence('short', 400)).toEqual(['short']);
  });
});
