/**
 * espeak-ng, the voice that needs no download: its voices, speech to a WAV file, and text to
 * IPA phonemes for Piper voices. It runs as a separate program (see `espeak-program.ts` for
 * where it is found and why); the text always goes through stdin, never the command line.
 *
 * Phonemes: Piper's phonemizer calls the espeak-ng library with phoneme mode "IPA" and no tie
 * flag. The program's `-q --ipa` prints the same thing (`--ipa=3` would add U+200D ties inside
 * "oʊ" and "aɪ" that no Piper voice knows; `-x` prints espeak's own ASCII mnemonics, not IPA).
 */
import { open, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';

import { locateEspeak, runEspeak, type EspeakLocationOptions } from './espeak-program';
import { SpeechEngineError } from './speech-engine-error';
import { neutralizeForEspeak, splitClauses, type Clause } from './speech-text';
import { finishWavFile, temporaryPathFor } from './wav-file';

export type { EspeakLocationOptions } from './espeak-program';

export interface EspeakVoice {
  /** What `-v` takes, e.g. `fr-fr`, `en-gb`, `en-us`. */
  name: string;
  /** BCP 47-like language, lower case, e.g. `fr-fr`; the first part is the language family. */
  language: string;
  /** espeak-ng's own description, e.g. "French (France)". */
  label: string;
  /** Other language codes this voice answers for, e.g. `fr` for `fr-fr`. */
  alsoFor: string[];
}

/** espeak-ng speaks 16-bit mono at this rate, whatever the voice. */
export const ESPEAK_SAMPLE_RATE = 22_050;
/** espeak-ng's own default speed in words per minute, and its limits. */
export const ESPEAK_DEFAULT_WPM = 175;
export const ESPEAK_MIN_WPM = 80;
export const ESPEAK_MAX_WPM = 450;

export interface EspeakSpeechSettings {
  /** A voice name as `listEspeakVoices` gives it (`fr-fr`), or a language espeak-ng knows (`fr`). */
  voice: string;
  /** Words per minute, 80–450 (default 175). */
  wordsPerMinute?: number;
  /** 0–99 (default 50). */
  pitch?: number;
}

export interface EspeakRunOptions extends EspeakLocationOptions {
  signal?: AbortSignal | undefined;
}

// A voice name reaches espeak-ng's `-v`, which also accepts file paths: letters, digits and
// dashes only, so no name can point outside espeak-ng's voices.
const VOICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_+-]*$/;

function checkVoiceName(voice: string): void {
  if (!VOICE_NAME.test(voice))
    throw new SpeechEngineError('unknown-voice', `"${voice}" is not an espeak-ng voice name`);
}

/**
 * Parses `espeak-ng --voices`: a header line, then one line per voice with the columns
 * Pty, Language, Age/Gender, VoiceName, File, Other Languages (as "(fr 5)(en 8)").
 */
export function parseEspeakVoices(listing: string): EspeakVoice[] {
  const voices: EspeakVoice[] = [];
  for (const line of listing.split('\n').slice(1)) {
    const match = /^\s*\d+\s+(\S+)\s+\S+\s+(\S+)\s+\S+\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, language, label, others] = match as unknown as [string, string, string, string];
    voices.push({
      name: language,
      language: language.toLowerCase(),
      label: label.replace(/_/g, ' '),
      alsoFor: [...others.matchAll(/\(([^\s)]+)\s+\d+\)/g)].map((other) => other[1]!.toLowerCase()),
    });
  }
  return voices;
}

/** Every voice the installed espeak-ng has. */
export async function listEspeakVoices(options: EspeakRunOptions = {}): Promise<EspeakVoice[]> {
  const program = await locateEspeak(options);
  const { stdout } = await runEspeak(program, ['--voices'], { signal: options.signal });
  const voices = parseEspeakVoices(stdout.toString('utf8'));
  if (voices.length === 0)
    throw new SpeechEngineError('engine-failed', `espeak-ng at ${program.path} lists no voices`);
  return voices;
}

function checkRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max)
    throw new SpeechEngineError('bad-input', `${name} must be between ${min} and ${max}, not ${value}`);
  return Math.round(value);
}

function checkText(text: unknown): asserts text is string {
  if (typeof text !== 'string')
    throw new SpeechEngineError('bad-input', 'the text to speak must be a string');
}

/**
 * Speaks `text` into `outWav` (16-bit mono, 22,050 Hz). The file appears only when complete: a
 * failure or a cancel (the program is killed) leaves nothing, not even a partial file.
 */
export async function synthesizeWithEspeak(
  text: string,
  settings: EspeakSpeechSettings,
  outWav: string,
  options: EspeakRunOptions = {},
): Promise<{ sampleRate: number; durationSeconds: number }> {
  checkText(text);
  checkVoiceName(settings.voice);
  const wpm = checkRange(
    'the speed in words per minute',
    settings.wordsPerMinute ?? ESPEAK_DEFAULT_WPM,
    ESPEAK_MIN_WPM,
    ESPEAK_MAX_WPM,
  );
  const pitch = checkRange('the pitch', settings.pitch ?? 50, 0, 99);
  const program = await locateEspeak(options);
  const temporary = temporaryPathFor(outWav);
  // Opened first, so a folder that is not there rejects here, plainly.
  const file = (await open(temporary, 'w')).createWriteStream();
  const written = finished(file);
  written.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  // No `-m`: SSML and other markup stay text. `-b 1`: the text is UTF-8.
  const args = [
    '-v',
    settings.voice,
    '-s',
    String(wpm),
    '-p',
    String(pitch),
    '-b',
    '1',
    '--stdin',
    '--stdout',
  ];
  try {
    await runEspeak(program, args, {
      input: neutralizeForEspeak(text),
      stdout: file,
      signal: options.signal,
    });
    await written;
  } catch (error) {
    file.destroy();
    await written.catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  const info = await finishWavFile(temporary, outWav);
  return { sampleRate: info.sampleRate, durationSeconds: info.durationSeconds };
}

/**
 * A line espeak-ng reads between clauses, so that its output can be cut back into clauses:
 * espeak-ng may split a clause further (at a dash, or when long), and prints nothing at all for
 * a clause it cannot say, so output lines alone do not tell where a clause ends. Its phonemes
 * (read from the first output line) are letters and digits spelled out, which no clause of a
 * story matches exactly.
 */
const CLAUSE_MARKER = '0q0x0';

/**
 * The IPA phonemes of each clause of `clauses`, as espeak-ng's `-q --ipa` prints them (one
 * process for all the clauses; one clause per input line).
 */
async function clausePhonemes(
  clauses: Clause[],
  voice: string,
  options: EspeakRunOptions,
): Promise<string[]> {
  if (clauses.length === 0) return [];
  const program = await locateEspeak(options);
  const lines = [CLAUSE_MARKER, ...clauses.flatMap((clause) => [clause.text, CLAUSE_MARKER])];
  const { stdout } = await runEspeak(program, ['-v', voice, '-q', '--ipa', '-b', '1'], {
    input: `${lines.join('\n')}\n`,
    signal: options.signal,
  });
  const output = stdout
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim());
  const marker = output[0];
  // Each clause's lines sit between two markers.
  const groups: string[][] = [];
  let current: string[] = [];
  for (const line of output.slice(1)) {
    if (line === marker) {
      groups.push(current);
      current = [];
    } else if (line !== '') current.push(line);
  }
  if (!marker || groups.length !== clauses.length || current.length > 0)
    throw new SpeechEngineError(
      'engine-failed',
      `espeak-ng's phonemes could not be matched to the text (${groups.length} parts for ${clauses.length} clauses)`,
    );
  return groups.map((group) => group.join(' '));
}

/**
 * `text` as IPA phonemes, one string per sentence, laid out as Piper's phonemizer does: each
 * clause's phonemes followed by its punctuation (`, ` `: ` `; ` inside a sentence, `.` `?` `!`
 * at its end). Words espeak-ng switched to another language are left in, without its
 * "(en)…(fr)" flags, as Piper does. Two clauses with no punctuation between them (split at a
 * dash) are joined by a space, where Piper would glue them.
 */
export async function phonemizeWithEspeak(
  text: string,
  voice: string,
  options: EspeakRunOptions = {},
): Promise<string[]> {
  checkText(text);
  checkVoiceName(voice);
  const clauses = splitClauses(text);
  const phonemes = await clausePhonemes(clauses, voice, options);
  const sentences: string[] = [];
  let sentence = '';
  clauses.forEach((clause, index) => {
    const said = phonemes[index]!.replace(/\([^)]*\)/g, '');
    if (said.trim() !== '') sentence += said;
    if (clause.end === ',' || clause.end === ':' || clause.end === ';') sentence += `${clause.end} `;
    else if (clause.end !== null) sentence += clause.end;
    else if (!clause.endsSentence) sentence += ' ';
    if (clause.endsSentence) {
      if (sentence.trim() !== '') sentences.push(sentence.trim());
      sentence = '';
    }
  });
  if (sentence.trim() !== '') sentences.push(sentence.trim());
  return sentences;
}
