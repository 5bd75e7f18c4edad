/**
 * The voices interface over both engines: the installed espeak-ng and tiny real Piper voices
 * laid out as the model catalogue installs them (`<modelsDir>/<id>/<name>.onnx{,.json}`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { tinyPiperModel, writeTinyPiperVoice } from './tiny-piper-voice';
import {
  closeSpeechEngines,
  defaultVoiceFor,
  espeakSettingsFor,
  listVoices,
  SpeechEngineError,
  synthesize,
  voiceFingerprint,
  type VoiceInfo,
} from './voices';
import { readWavSamples } from './wav-file';

const root = mkdtempSync(join(tmpdir(), 'talemo-voices-'));
const modelsDir = join(root, 'models');
const piperModelDirs = [modelsDir];
let count = 0;
const wavPath = (): string => join(root, `out-${(count += 1)}.wav`);

let voices: VoiceInfo[];
const problems: string[] = [];

beforeAll(async () => {
  writeTinyPiperVoice(join(modelsDir, 'piper-fr-tiny'), 'fr_FR-tiny-x_low');
  writeTinyPiperVoice(join(modelsDir, 'piper-en-tiny'), 'en_US-tiny-x_low', { espeakVoice: 'en-us' });
  writeTinyPiperVoice(join(modelsDir, 'piper-de-tiny'), 'de_DE-tiny-x_low', { espeakVoice: 'de' });
  const broken = join(modelsDir, 'piper-broken');
  mkdirSync(broken, { recursive: true });
  writeFileSync(join(broken, 'broken.onnx'), 'x');
  mkdirSync(join(modelsDir, 'whisper-tiny-q8', 'onnx'), { recursive: true });
  voices = await listVoices({ piperModelDirs, onVoiceFolderError: (folder) => problems.push(folder) });
});

afterAll(async () => {
  await closeSpeechEngines();
  rmSync(root, { recursive: true, force: true });
});

describe('listVoices', () => {
  it('lists espeak-ng’s French and English voices and the installed Piper voices in those languages', () => {
    const ids = voices.map((voice) => voice.id);
    expect(ids).toContain('espeak:en-gb');
    expect(ids).toContain('espeak:en-us');
    expect(ids.some((id) => id === 'espeak:fr-fr' || id === 'espeak:fr')).toBe(true);
    expect(ids).toContain('piper:piper-fr-tiny');
    expect(ids).toContain('piper:piper-en-tiny');
    expect(ids).not.toContain('piper:piper-de-tiny');
    expect(voices.every((voice) => /^(fr|en)(-|$)/.test(voice.language))).toBe(true);
    expect(voices.find((voice) => voice.id === 'piper:piper-fr-tiny')).toMatchObject({
      engine: 'piper',
      language: 'fr',
      label: 'Tiny (Piper, x low)',
      sampleRate: 16_000,
    });
    expect(voices.find((voice) => voice.id === 'espeak:en-gb')).toMatchObject({
      engine: 'espeak',
      language: 'en-gb',
      sampleRate: 22_050,
    });
  });

  it('leaves out a voice folder it cannot use, and says which', () => {
    expect(problems).toEqual([join(modelsDir, 'piper-broken')]);
  });

  it('says espeak-ng is not installed when it is not there (Piper voices need it too)', async () => {
    await expect(listVoices({ piperModelDirs, espeakPath: join(root, 'no-espeak') })).rejects.toMatchObject({
      code: 'not-installed',
    });
  });
});

describe('defaultVoiceFor', () => {
  it('prefers an installed Piper voice in the language, else espeak-ng’s', () => {
    expect(defaultVoiceFor('fr', voices)?.id).toBe('piper:piper-fr-tiny');
    expect(defaultVoiceFor('en', voices)?.id).toBe('piper:piper-en-tiny');
    const espeakOnly = voices.filter((voice) => voice.engine === 'espeak');
    expect(defaultVoiceFor('fr', espeakOnly)?.id).toMatch(/^espeak:fr(-fr)?$/);
    expect(defaultVoiceFor('en', espeakOnly)?.id).toBe('espeak:en-gb');
    expect(defaultVoiceFor('fr', [])).toBeUndefined();
  });
});

describe('synthesize', () => {
  it('speaks with espeak-ng at the story’s rate', async () => {
    const text = 'Le petit renard court dans la forêt pour retrouver ses amis.';
    const normal = await synthesize(text, { voiceId: 'espeak:fr' }, wavPath());
    const fast = await synthesize(text, { voiceId: 'espeak:fr', rate: 2, pitch: 1.2 }, wavPath());
    expect(normal.sampleRate).toBe(22_050);
    expect(fast.durationSeconds / normal.durationSeconds).toBeGreaterThan(0.4);
    expect(fast.durationSeconds / normal.durationSeconds).toBeLessThan(0.65);
  });

  it('speaks with an installed Piper voice, the rate reaching the model as its length scale', async () => {
    const path = wavPath();
    const result = await synthesize('Oui.', { voiceId: 'piper:piper-fr-tiny', rate: 2, pitch: 1.4 }, path, {
      piperModelDirs,
    });
    expect(result.sampleRate).toBe(16_000);
    const { samples } = await readWavSamples(path);
    // The tiny model ends its output with input_lengths and the three scales.
    const [length, noise, lengthScale, noiseW] = Array.from(samples.subarray(-4));
    expect((lengthScale! / length!) * (samples.length - 4)).toBeCloseTo(0.625, 2);
    expect(noise! / noiseW!).toBeCloseTo(0.667 / 0.8, 2);
  });

  it('loads a voice afresh when its model file changed', async () => {
    const folder = writeTinyPiperVoice(join(root, 'changing', 'piper-changing'), 'v');
    const dirs = [join(root, 'changing')];
    const first = wavPath();
    await synthesize('Oui.', { voiceId: 'piper:piper-changing' }, first, { piperModelDirs: dirs });
    const before = await voiceFingerprint({ voiceId: 'piper:piper-changing' }, { piperModelDirs: dirs });
    writeFileSync(join(folder, 'v.onnx'), tinyPiperModel(true));
    const second = wavPath();
    await synthesize('Oui.', { voiceId: 'piper:piper-changing' }, second, { piperModelDirs: dirs });
    const after = await voiceFingerprint({ voiceId: 'piper:piper-changing' }, { piperModelDirs: dirs });
    // The multi-speaker model echoes one more value (the speaker id).
    expect((await readWavSamples(second)).samples.length).toBe(
      (await readWavSamples(first)).samples.length + 1,
    );
    expect(after).not.toBe(before);
  });

  it('refuses unknown voices and settings out of range, naming them', async () => {
    const out = wavPath();
    await expect(
      synthesize('x', { voiceId: 'piper:not-installed' }, out, { piperModelDirs }),
    ).rejects.toThrow(/"not-installed" is not installed/);
    await expect(synthesize('x', { voiceId: 'robot' }, out)).rejects.toMatchObject({ code: 'unknown-voice' });
    await expect(synthesize('x', { voiceId: 'espeak:fr', rate: 3 }, out)).rejects.toThrow(
      /rate must be between 0.5 and 2/,
    );
    await expect(synthesize('x', { voiceId: 'espeak:fr', pitch: 0.2 }, out)).rejects.toBeInstanceOf(
      SpeechEngineError,
    );
  });
});

describe('voiceFingerprint', () => {
  const fingerprint = (voiceId: string, rate?: number, pitch?: number): Promise<string> =>
    voiceFingerprint({ voiceId, rate, pitch }, { piperModelDirs });

  it('is stable, and the same for a default and an explicit normal setting', async () => {
    expect(await fingerprint('espeak:fr')).toBe(await fingerprint('espeak:fr'));
    expect(await fingerprint('espeak:fr')).toBe(await fingerprint('espeak:fr', 1, 1));
    expect(await fingerprint('piper:piper-fr-tiny')).toBe(await fingerprint('piper:piper-fr-tiny', 1));
  });

  it('changes with the engine version, voice, rate and pitch (pitch only where the engine uses it)', async () => {
    const base = await fingerprint('espeak:fr');
    expect(base).toMatch(/espeak-ng \d+\.\d+/);
    expect(await fingerprint('espeak:en-gb')).not.toBe(base);
    expect(await fingerprint('espeak:fr', 1.5)).not.toBe(base);
    expect(await fingerprint('espeak:fr', 1, 1.3)).not.toBe(base);
    const piper = await fingerprint('piper:piper-fr-tiny');
    expect(piper).toMatch(/model [0-9a-f]{64} config [0-9a-f]{64} espeak-ng \d/);
    expect(await fingerprint('piper:piper-en-tiny')).not.toBe(piper);
    expect(await fingerprint('piper:piper-fr-tiny', 0.8)).not.toBe(piper);
    expect(await fingerprint('piper:piper-fr-tiny', 1, 1.3)).toBe(piper);
  });

  it('refuses a voice that is not there', async () => {
    await expect(fingerprint('espeak:xx-nowhere')).rejects.toMatchObject({ code: 'unknown-voice' });
    await expect(fingerprint('piper:piper-broken')).rejects.toMatchObject({ code: 'bad-voice-folder' });
  });
});

describe('espeakSettingsFor', () => {
  it('maps rate to words per minute and pitch to espeak-ng’s 0–99', () => {
    expect(espeakSettingsFor(1, 1)).toEqual({ wordsPerMinute: 175, pitch: 50 });
    expect(espeakSettingsFor(0.5, 0.5)).toEqual({ wordsPerMinute: 88, pitch: 1 });
    expect(espeakSettingsFor(2, 1.5)).toEqual({ wordsPerMinute: 350, pitch: 99 });
  });
});
