/**
 * Narration voices, one interface over two engines: espeak-ng (always there once installed, no
 * download) and Piper voices installed from the model catalogue (more natural, phonemized by
 * espeak-ng, so they need it too).
 *
 * Ids: `espeak:<espeak voice>` (`espeak:fr-fr`, `espeak:en-gb`; any name espeak-ng knows,
 * such as `espeak:fr`, is accepted by `synthesize`) and `piper:<folder name>` (the catalogue id,
 * e.g. `piper:piper-fr-fr-siwis-medium`, for voices the catalogue installed).
 *
 * Settings: rate 0.5–2 (1 = the voice's normal speed) and pitch 0.5–1.5 (1 = normal). espeak-ng
 * takes them as words per minute (175 × rate) and its 0–99 pitch (50 + 98 × (pitch − 1)); a
 * Piper voice divides its length_scale by the rate and has no pitch control.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import {
  ESPEAK_DEFAULT_WPM,
  ESPEAK_SAMPLE_RATE,
  listEspeakVoices,
  synthesizeWithEspeak,
  type EspeakLocationOptions,
} from './espeak-ng';
import { locateEspeak } from './espeak-program';
import { fileSha256 } from './file-sha256';
import { closePiperVoices, withPiperVoice } from './piper-voice-cache';
import { findPiperVoiceFiles, readPiperVoiceConfig, type PiperVoiceFiles } from './piper-voice';
import { SpeechEngineError } from './speech-engine-error';

export { SpeechEngineError } from './speech-engine-error';

export type SpeechLanguage = 'fr' | 'en';

/** The languages narration offers; espeak-ng voices of other languages are not listed. */
export const NARRATION_LANGUAGES: readonly SpeechLanguage[] = ['fr', 'en'];

export interface VoiceInfo {
  /** `espeak:fr-fr`, `espeak:en-gb`, …, `piper:<catalogue id or folder name>`. */
  id: string;
  engine: 'espeak' | 'piper';
  /** Lower-case language tag, e.g. `fr-fr`, `en-us`; its first part is the language. */
  language: string;
  label: string;
  sampleRate: number;
  /**
   * What makes this voice sound as it does, apart from rate and pitch: engine and version,
   * voice name, and for Piper the SHA-256 of its model and config. `voiceFingerprint` adds
   * the settings.
   */
  fingerprint: string;
}

export interface SpeechSettings {
  voiceId: string;
  /** 0.5–2, 1 = normal. */
  rate?: number;
  /** 0.5–1.5, 1 = normal (espeak-ng only: Piper voices ignore it). */
  pitch?: number;
}

export interface VoiceOptions extends EspeakLocationOptions {
  /**
   * Where Piper voices are: each entry is a voice folder (`<name>.onnx` + `<name>.onnx.json`)
   * or a folder of voice folders (the catalogue's models folder). Missing folders are skipped.
   */
  piperModelDirs?: string[] | undefined;
  /** Told about a Piper voice folder that is listed but unusable (it is left out). */
  onVoiceFolderError?: ((folder: string, error: SpeechEngineError) => void) | undefined;
}

export interface SynthesizeOptions extends VoiceOptions {
  signal?: AbortSignal | undefined;
  /** The Piper worker script, for bundled builds that emit it as its own file (`piper-worker`). */
  piperWorkerUrl?: URL | undefined;
}

function familyOf(language: string): string {
  return language.split('-')[0]!;
}

function hasVoiceFiles(folder: string): boolean {
  try {
    return readdirSync(folder).some((name) => name.endsWith('.onnx'));
  } catch {
    return false;
  }
}

/** Voice folders under `piperModelDirs`, in order, first of each name only. */
function piperVoiceFolders(piperModelDirs: string[]): Map<string, string> {
  const folders = new Map<string, string>();
  const add = (folder: string): void => {
    const name = basename(folder);
    if (!folders.has(name)) folders.set(name, folder);
  };
  for (const dir of piperModelDirs.map((entry) => resolve(entry))) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    if (hasVoiceFiles(dir)) {
      add(dir);
      continue;
    }
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const folder = join(dir, entry.name);
      if (entry.isDirectory() && hasVoiceFiles(folder)) add(folder);
    }
  }
  return folders;
}

function espeakFingerprint(version: string, voice: string): string {
  return `espeak-ng ${version} voice ${voice}`;
}

async function piperVoiceInfo(
  name: string,
  files: PiperVoiceFiles,
  espeakVersion: string,
): Promise<VoiceInfo> {
  const config = await readPiperVoiceConfig(files);
  const [model, settings] = await Promise.all([fileSha256(files.modelPath), fileSha256(files.configPath)]);
  const who = config.dataset ? config.dataset[0]!.toUpperCase() + config.dataset.slice(1) : files.name;
  return {
    id: `piper:${name}`,
    engine: 'piper',
    language: config.languageTag,
    label: `${who} (Piper${config.quality ? `, ${config.quality.replace(/_/g, ' ')}` : ''})`,
    sampleRate: config.sampleRate,
    // espeak-ng makes the phonemes a Piper voice reads, so its version changes the audio too.
    fingerprint: `piper model ${model} config ${settings} espeak-ng ${espeakVersion}`,
  };
}

async function listPiperVoices(options: VoiceOptions, espeakVersion: string): Promise<VoiceInfo[]> {
  const voices: VoiceInfo[] = [];
  for (const [name, folder] of piperVoiceFolders(options.piperModelDirs ?? [])) {
    try {
      voices.push(await piperVoiceInfo(name, findPiperVoiceFiles(folder), espeakVersion));
    } catch (error) {
      if (!(error instanceof SpeechEngineError)) throw error;
      options.onVoiceFolderError?.(folder, error);
    }
  }
  return voices;
}

/**
 * The French and English voices of this computer: espeak-ng's, then the installed Piper
 * voices. Rejects with a `not-installed` SpeechEngineError when espeak-ng is missing (Piper
 * voices cannot speak without it either).
 */
export async function listVoices(options: VoiceOptions = {}): Promise<VoiceInfo[]> {
  const program = await locateEspeak(options);
  const espeakVoices = (await listEspeakVoices(options))
    .filter((voice) => (NARRATION_LANGUAGES as readonly string[]).includes(familyOf(voice.language)))
    .map((voice): VoiceInfo => ({
      id: `espeak:${voice.name}`,
      engine: 'espeak',
      language: voice.language,
      label: `${voice.label} (espeak-ng)`,
      sampleRate: ESPEAK_SAMPLE_RATE,
      fingerprint: espeakFingerprint(program.version, voice.name),
    }));
  const piperVoices = (await listPiperVoices(options, program.version)).filter((voice) =>
    (NARRATION_LANGUAGES as readonly string[]).includes(familyOf(voice.language)),
  );
  return [...espeakVoices, ...piperVoices];
}

/** espeak-ng voices to prefer for each language, best first. */
const ESPEAK_PREFERENCE: Record<SpeechLanguage, string[]> = {
  fr: ['espeak:fr-fr', 'espeak:fr'],
  en: ['espeak:en-gb', 'espeak:en-us', 'espeak:en'],
};

/** The voice to narrate in `language`: an installed Piper voice if any, else espeak-ng's. */
export function defaultVoiceFor(
  language: SpeechLanguage,
  voices: readonly VoiceInfo[],
): VoiceInfo | undefined {
  const inLanguage = voices.filter((voice) => familyOf(voice.language) === language);
  const piper = inLanguage.find((voice) => voice.engine === 'piper');
  if (piper) return piper;
  for (const id of ESPEAK_PREFERENCE[language]) {
    const voice = inLanguage.find((candidate) => candidate.id === id);
    if (voice) return voice;
  }
  return inLanguage[0];
}

interface CheckedSettings {
  engine: 'espeak' | 'piper';
  name: string;
  rate: number;
  pitch: number;
}

function checkSettings(settings: SpeechSettings): CheckedSettings {
  const rate = settings.rate ?? 1;
  const pitch = settings.pitch ?? 1;
  if (!Number.isFinite(rate) || rate < 0.5 || rate > 2)
    throw new SpeechEngineError('bad-input', `the rate must be between 0.5 and 2, not ${settings.rate}`);
  if (!Number.isFinite(pitch) || pitch < 0.5 || pitch > 1.5)
    throw new SpeechEngineError('bad-input', `the pitch must be between 0.5 and 1.5, not ${settings.pitch}`);
  const match = /^(espeak|piper):(.+)$/.exec(String(settings.voiceId));
  if (!match)
    throw new SpeechEngineError(
      'unknown-voice',
      `"${settings.voiceId}" is not a voice id (espeak:<voice> or piper:<voice folder>)`,
    );
  return { engine: match[1] as 'espeak' | 'piper', name: match[2]!, rate, pitch };
}

/** espeak-ng's own numbers for a rate and a pitch. */
export function espeakSettingsFor(rate: number, pitch: number): { wordsPerMinute: number; pitch: number } {
  return {
    wordsPerMinute: Math.round(ESPEAK_DEFAULT_WPM * rate),
    pitch: Math.max(0, Math.min(99, Math.round(50 + 98 * (pitch - 1)))),
  };
}

function findPiperFiles(name: string, options: VoiceOptions): PiperVoiceFiles {
  const folder = piperVoiceFolders(options.piperModelDirs ?? []).get(name);
  if (!folder)
    throw new SpeechEngineError(
      'unknown-voice',
      `the Piper voice "${name}" is not installed (looked in ${(options.piperModelDirs ?? []).join(', ') || 'no folder'})`,
    );
  return findPiperVoiceFiles(folder);
}

/**
 * Speaks `text` into `outWav` (16-bit mono WAV at the voice's rate) and returns its length.
 * `outWav` appears only when complete; a cancel rejects with the signal's reason.
 */
export async function synthesize(
  text: string,
  settings: SpeechSettings,
  outWav: string,
  options: SynthesizeOptions = {},
): Promise<{ sampleRate: number; durationSeconds: number }> {
  const checked = checkSettings(settings);
  if (checked.engine === 'espeak')
    return synthesizeWithEspeak(
      text,
      { voice: checked.name, ...espeakSettingsFor(checked.rate, checked.pitch) },
      outWav,
      options,
    );
  const files = findPiperFiles(checked.name, options);
  return withPiperVoice(
    files,
    (voice) => voice.synthesize(text, { rate: checked.rate }, outWav, options),
    options.piperWorkerUrl ? { workerUrl: options.piperWorkerUrl } : {},
  );
}

/**
 * A string that changes whenever the audio of the same text would: engine, engine version,
 * voice, model and config hashes (Piper), and the settings as the engine receives them (so
 * rate 1 and an unset rate give the same fingerprint). For the narration cache: key =
 * hash(text + fingerprint). Needs the same options as `synthesize` to find the voice.
 */
export async function voiceFingerprint(
  settings: SpeechSettings,
  options: VoiceOptions = {},
): Promise<string> {
  const checked = checkSettings(settings);
  const program = await locateEspeak(options);
  if (checked.engine === 'espeak') {
    const known = await listEspeakVoices(options);
    const name = checked.name.toLowerCase();
    if (!known.some((voice) => voice.language === name || voice.alsoFor.includes(name)))
      throw new SpeechEngineError(
        'unknown-voice',
        `espeak-ng ${program.version} has no voice "${checked.name}"`,
      );
    const engine = espeakSettingsFor(checked.rate, checked.pitch);
    return `${espeakFingerprint(program.version, checked.name)} wpm ${engine.wordsPerMinute} pitch ${engine.pitch}`;
  }
  const voice = await piperVoiceInfo(checked.name, findPiperFiles(checked.name, options), program.version);
  return `${voice.fingerprint} rate ${checked.rate.toFixed(3)}`;
}

/** Closes the loaded Piper voices (their worker threads). Call at shutdown; tests call it after. */
export async function closeSpeechEngines(): Promise<void> {
  await closePiperVoices();
}
