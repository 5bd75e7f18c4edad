/**
 * espeak-ng for real: the program installed on this machine (CI installs it too), speaking
 * into real WAV files that are read back and measured.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { listEspeakVoices, parseEspeakVoices, phonemizeWithEspeak, synthesizeWithEspeak } from './espeak-ng';
import { findEspeakPath, locateEspeak } from './espeak-program';
import { SpeechEngineError } from './speech-engine-error';
import { readWavSamples } from './wav-file';

const folder = mkdtempSync(join(tmpdir(), 'talemo-espeak-'));
let fileCount = 0;
const wavPath = (): string => join(folder, `speech-${(fileCount += 1)}.wav`);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const FR_SHORT = 'Il était une fois un petit renard.';
const FR_LONG =
  'Il était une fois un petit renard qui trouva une balle rouge dans la forêt. ' +
  'Il voulut la partager avec ses amis, alors il courut jusqu’à la rivière pour les retrouver. ' +
  'Le soir venu, ils jouèrent ensemble jusqu’à ce que la lune se lève.';
const EN_TEXT = 'Once upon a time, a little fox found a shiny red ball in the forest.';

async function speak(
  text: string,
  voice: string,
  settings: { wordsPerMinute?: number; pitch?: number } = {},
) {
  const path = wavPath();
  const result = await synthesizeWithEspeak(text, { voice, ...settings }, path);
  const { info, samples } = await readWavSamples(path);
  return { path, result, info, samples };
}

/** Fraction of 20 ms frames that are not silent: speech has many. */
function voicedShare(samples: Int16Array, sampleRate: number): number {
  const frame = Math.round(sampleRate * 0.02);
  let voiced = 0;
  let frames = 0;
  for (let start = 0; start + frame <= samples.length; start += frame) {
    let energy = 0;
    for (let i = start; i < start + frame; i += 1) energy += samples[i]! ** 2;
    frames += 1;
    if (Math.sqrt(energy / frame) > 500) voiced += 1;
  }
  return voiced / frames;
}

/** Median fundamental frequency over loud 40 ms frames, by autocorrelation (60–500 Hz). */
function medianPitchHz(samples: Int16Array, sampleRate: number): number {
  const frame = Math.round(sampleRate * 0.04);
  const minLag = Math.floor(sampleRate / 500);
  const maxLag = Math.ceil(sampleRate / 60);
  const estimates: number[] = [];
  for (let start = 0; start + frame + maxLag <= samples.length; start += frame) {
    let energy = 0;
    for (let i = start; i < start + frame; i += 1) energy += samples[i]! ** 2;
    if (Math.sqrt(energy / frame) < 2000) continue;
    let bestLag = 0;
    let best = 0;
    for (let lag = minLag; lag <= maxLag; lag += 1) {
      let sum = 0;
      for (let i = start; i < start + frame; i += 1) sum += samples[i]! * samples[i + lag]!;
      if (sum > best) {
        best = sum;
        bestLag = lag;
      }
    }
    if (best > 0.5 * energy) estimates.push(sampleRate / bestLag);
  }
  estimates.sort((a, b) => a - b);
  return estimates[Math.floor(estimates.length / 2)] ?? 0;
}

describe('synthesizeWithEspeak', () => {
  it('speaks French and English into 16-bit mono 22,050 Hz WAV files of speech length', async () => {
    for (const [text, voice] of [
      [FR_SHORT, 'fr'],
      [EN_TEXT, 'en-us'],
    ] as const) {
      const { result, info, samples } = await speak(text, voice);
      expect(info).toMatchObject({ sampleRate: 22_050, channels: 1, bitsPerSample: 16 });
      expect(result.sampleRate).toBe(22_050);
      expect(result.durationSeconds).toBeCloseTo(samples.length / 22_050, 6);
      // About 2–3 words a second at espeak-ng's normal 175 words a minute.
      const words = text.split(/\s+/).length;
      expect(result.durationSeconds).toBeGreaterThan(words / 6);
      expect(result.durationSeconds).toBeLessThan(words / 1.2);
      expect(voicedShare(samples, 22_050)).toBeGreaterThan(0.4);
    }
  });

  it('takes longer for a longer text, and about half as long at twice the speed', async () => {
    const short = await speak(FR_SHORT, 'fr');
    const long = await speak(FR_LONG, 'fr');
    expect(long.result.durationSeconds).toBeGreaterThan(short.result.durationSeconds * 3);
    const fast = await speak(FR_LONG, 'fr', { wordsPerMinute: 350 });
    const ratio = fast.result.durationSeconds / long.result.durationSeconds;
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.65);
  });

  it('speaks higher with a higher pitch', async () => {
    const low = await speak(EN_TEXT, 'en-us', { pitch: 10 });
    const high = await speak(EN_TEXT, 'en-us', { pitch: 90 });
    const lowHz = medianPitchHz(low.samples, 22_050);
    const highHz = medianPitchHz(high.samples, 22_050);
    expect(lowHz).toBeGreaterThan(60);
    expect(highHz).toBeGreaterThan(lowHz * 1.25);
  });

  it('speaks markup, entities, quotes and emoji as text, never as commands', async () => {
    // As SSML this would be 20 s of silence; as text it is a few spoken words.
    const ssml = await speak('<speak><break time="20s"/></speak>', 'en-us');
    expect(ssml.result.durationSeconds).toBeGreaterThan(0.5);
    expect(ssml.result.durationSeconds).toBeLessThan(6);
    expect(voicedShare(ssml.samples, 22_050)).toBeGreaterThan(0.3);
    // Ctrl-A "450S" would be an embedded command (speak at 450 words a minute).
    const plain = await speak('hello world and all my friends in the forest', 'en-us');
    const tricked = await speak('hello \u0001450S world and all my friends in the forest', 'en-us');
    expect(tricked.result.durationSeconds).toBeGreaterThan(plain.result.durationSeconds * 0.9);
    const quoted = await speak('« Viens ! » dit-il. "Oui", l\'ami; & co <b>gras</b> 🐉 ✨', 'fr');
    expect(quoted.result.durationSeconds).toBeGreaterThan(1.5);
  });

  it('speaks a 20,000-character story whole', async () => {
    const sentence = 'Le petit dragon vole au-dessus de la forêt et salue les oiseaux. ';
    const text = sentence.repeat(Math.ceil(20_000 / sentence.length)).slice(0, 20_000);
    const { result, samples } = await speak(text, 'fr', { wordsPerMinute: 450 });
    const words = text.split(/\s+/).length;
    // At 450 words a minute (espeak-ng's fastest), a little over 7 words a second.
    expect(result.durationSeconds).toBeGreaterThan(words / 12);
    expect(result.durationSeconds).toBeLessThan(words / 3);
    expect(voicedShare(samples, 22_050)).toBeGreaterThan(0.4);
  });

  it('stops when cancelled: the program is killed and no file is left, not even a partial one', async () => {
    const text = 'Une longue histoire. '.repeat(3000);
    const path = wavPath();
    const controller = new AbortController();
    const speaking = synthesizeWithEspeak(text, { voice: 'fr' }, path, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(speaking).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('rejects at once for a signal already aborted', async () => {
    const path = wavPath();
    const controller = new AbortController();
    controller.abort();
    await expect(
      synthesizeWithEspeak('Bonjour', { voice: 'fr' }, path, { signal: controller.signal }),
    ).rejects.toBe(controller.signal.reason);
    expect(existsSync(path)).toBe(false);
  });

  it('rejects plainly when the WAV cannot be written there', async () => {
    const path = join(folder, 'no-such-folder', 'out.wav');
    await expect(synthesizeWithEspeak('Bonjour', { voice: 'fr' }, path)).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it("names a voice espeak-ng does not have, with espeak-ng's own words", async () => {
    const path = wavPath();
    const error = await synthesizeWithEspeak('Bonjour', { voice: 'xx-nowhere' }, path).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpeechEngineError);
    expect(error).toMatchObject({ code: 'unknown-voice' });
    expect((error as Error).message).toMatch(/voice does not exist/i);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a voice name that could be a path, and settings out of range', async () => {
    await expect(synthesizeWithEspeak('x', { voice: '../../etc/passwd' }, wavPath())).rejects.toMatchObject({
      code: 'unknown-voice',
    });
    await expect(
      synthesizeWithEspeak('x', { voice: 'fr', wordsPerMinute: 20 }, wavPath()),
    ).rejects.toMatchObject({
      code: 'bad-input',
    });
    await expect(synthesizeWithEspeak('x', { voice: 'fr', pitch: 120 }, wavPath())).rejects.toMatchObject({
      code: 'bad-input',
    });
  });
});

describe('locating espeak-ng', () => {
  const saved = process.env.TALEMO_ESPEAK;
  afterEach(() => {
    if (saved === undefined) delete process.env.TALEMO_ESPEAK;
    else process.env.TALEMO_ESPEAK = saved;
  });

  it('says it is not installed, and how to install it, when espeakPath names no program', async () => {
    const missing = join(folder, 'no-such-espeak');
    const error = await synthesizeWithEspeak('Bonjour', { voice: 'fr' }, wavPath(), {
      espeakPath: missing,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpeechEngineError);
    expect(error).toMatchObject({ code: 'not-installed' });
    expect((error as Error).message).toContain(`espeak-ng is not installed at ${missing}`);
    expect((error as Error).message).toContain('apt install espeak-ng');
  });

  it('finds it on PATH, through TALEMO_ESPEAK, and reads its version', async () => {
    const onPath = findEspeakPath();
    expect(onPath).toMatch(/espeak-ng(\.exe)?$/);
    process.env.TALEMO_ESPEAK = onPath;
    const program = await locateEspeak();
    expect(program.path).toBe(onPath);
    expect(program.version).toMatch(/^\d+\.\d+/);
    process.env.TALEMO_ESPEAK = join(folder, 'gone');
    expect(() => findEspeakPath()).toThrow(/TALEMO_ESPEAK/);
  });

  it('prefers the caller’s program over the shipped copy, and the shipped copy over PATH', () => {
    const shipped = join(folder, 'shipped-espeak-ng');
    writeFileSync(shipped, '#!/bin/sh\nexit 0\n');
    chmodSync(shipped, 0o755);
    expect(findEspeakPath({ shippedEspeakPath: shipped })).toBe(shipped);
    expect(findEspeakPath({ shippedEspeakPath: join(folder, 'not-shipped') })).toBe(findEspeakPath());
    expect(findEspeakPath({ espeakPath: findEspeakPath(), shippedEspeakPath: shipped })).toBe(
      findEspeakPath(),
    );
  });
});

describe('listEspeakVoices', () => {
  it('lists French and English voices', async () => {
    const voices = await listEspeakVoices();
    const languages = voices.map((voice) => voice.language);
    expect(languages.some((language) => language === 'fr' || language === 'fr-fr')).toBe(true);
    expect(languages).toContain('en-gb');
    expect(languages).toContain('en-us');
    const french = voices.find((voice) => voice.language.startsWith('fr'))!;
    expect(french.label).toMatch(/French/);
  });

  it('parses the columns of `espeak-ng --voices`', () => {
    const listing = [
      'Pty Language       Age/Gender VoiceName          File                 Other Languages',
      ' 5  fr-fr           --/M      French_(France)    roa/fr               (fr 5)',
      ' 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)',
      ' 5  en-gb-x-rp      --/M      English_(Received_Pronunciation) gmw/en-GB-x-rp       (en-gb 4)(en 5)',
      '',
    ].join('\n');
    expect(parseEspeakVoices(listing)).toEqual([
      { name: 'fr-fr', language: 'fr-fr', label: 'French (France)', alsoFor: ['fr'] },
      { name: 'en-gb', language: 'en-gb', label: 'English (Great Britain)', alsoFor: ['en'] },
      {
        name: 'en-gb-x-rp',
        language: 'en-gb-x-rp',
        label: 'English (Received Pronunciation)',
        alsoFor: ['en-gb', 'en'],
      },
    ]);
  });
});

describe('phonemizeWithEspeak', () => {
  it('gives the IPA of "Bonjour", with Piper’s sentence punctuation', async () => {
    expect(await phonemizeWithEspeak('Bonjour.', 'fr')).toEqual(['bɔ̃ʒˈuʁ.']);
  });

  it('gives one string per sentence, with commas kept inside and no tie characters', async () => {
    const sentences = await phonemizeWithEspeak('Hello, my friend. How are you? Fine!', 'en-us');
    expect(sentences).toHaveLength(3);
    expect(sentences[0]).toMatch(/^h.*l.*, .*\.$/u);
    expect(sentences[1]).toMatch(/\?$/);
    expect(sentences[2]).toMatch(/!$/);
    expect(sentences.join('')).not.toMatch(/\u200d|\u0361/);
  });

  it('drops the language-switch flags of foreign words but keeps the words', async () => {
    const [sentence] = await phonemizeWithEspeak('Je joue avec my friend.', 'fr');
    expect(sentence).not.toMatch(/\(|\)/);
    expect(sentence!.split(' ').length).toBeGreaterThanOrEqual(5);
  });

  it('keeps clauses in order over a long text, and speaks markup as letters', async () => {
    const text = Array.from({ length: 120 }, (_, i) => `Phrase numéro ${i + 1}, bonne nuit.`).join(' ');
    const sentences = await phonemizeWithEspeak(text, 'fr');
    expect(sentences).toHaveLength(120);
    expect(sentences.every((sentence) => /^.+, .+\.$/u.test(sentence))).toBe(true);
    const [tag] = await phonemizeWithEspeak('<break time="9s"/>', 'en-us');
    expect(tag).toMatch(/b.*ɹ/u);
    // [[…]] would be raw phoneme input ("hello"); as text its letters are spelled out.
    const [hello] = await phonemizeWithEspeak('hello', 'en-us');
    const [raw] = await phonemizeWithEspeak("[[h@l'oU]]", 'en-us');
    expect(raw!.length).toBeGreaterThan(hello!.length * 2);
  });
});
