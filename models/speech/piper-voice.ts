/**
 * A Piper voice: a folder with `<name>.onnx` (a VITS model) and `<name>.onnx.json` (its
 * config), as the model catalogue installs them. Text is phonemized by espeak-ng (the voice's
 * own espeak voice), each sentence becomes phoneme ids (`piper-phoneme-ids.ts`) and one model
 * run in a worker thread (`piper-worker.ts`, onnxruntime-node), and the sentences' audio,
 * each peak-normalised as Piper does and 0.2 s of silence apart, is written to a 16-bit mono
 * WAV at the voice's sample rate.
 *
 * Speed: `rate` divides the voice's length_scale (rate 2 = half the length per phoneme).
 * Pitch: Piper has no pitch control, so a Piper voice ignores pitch.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';

import { phonemizeWithEspeak, type EspeakRunOptions } from './espeak-ng';
import { parsePiperConfig, type PiperVoiceConfig } from './piper-config';
import { phonemesToIds } from './piper-phoneme-ids';
import type { FromPiperWorker, PiperWorkerSettings, ToPiperWorker } from './piper-worker-protocol';
import { SpeechEngineError } from './speech-engine-error';
import { WavFileWriter } from './wav-file';
import { startWorkerThread } from '../worker-thread';
import { endWorker, waitForWorkerReady } from './worker-lifecycle';

/** Piper's C++ runner's default pause after each sentence. */
export const PIPER_SENTENCE_SILENCE_SECONDS = 0.2;
/**
 * Longest run of phonemes given to the model at once. A VITS model's memory grows with its
 * input; a "sentence" with no full stop for pages (a list, a poem) is cut at clause ends.
 */
export const PIPER_MAX_PHONEMES_PER_RUN = 400;

export interface PiperVoiceFiles {
  folder: string;
  /** The voice's name: the `.onnx` file's name without its extension. */
  name: string;
  modelPath: string;
  configPath: string;
}

export interface PiperSynthesisSettings {
  /** 0.5–2, 1 = the voice's own speed. */
  rate?: number;
  /** For a multi-speaker voice (default 0). */
  speakerId?: number;
}

export interface PiperVoiceOptions {
  /** The worker script, for bundled builds that emit it as its own file. */
  workerUrl?: URL;
}

/** The voice files in `folder`, or a `bad-voice-folder` error naming what is wrong. */
export function findPiperVoiceFiles(folder: string): PiperVoiceFiles {
  const absolute = resolve(folder);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory())
    throw new SpeechEngineError('bad-voice-folder', `no Piper voice folder at ${absolute}`);
  const names = readdirSync(absolute);
  if (names.some((name) => name.endsWith('.part')))
    throw new SpeechEngineError(
      'bad-voice-folder',
      `the Piper voice in ${absolute} is still downloading (.part files): finish or remove the download`,
    );
  const models = names.filter((name) => name.endsWith('.onnx'));
  if (models.length === 0)
    throw new SpeechEngineError(
      'bad-voice-folder',
      `${absolute} holds no Piper voice: expected <name>.onnx and <name>.onnx.json`,
    );
  const paired = models.filter((model) => names.includes(`${model}.json`));
  if (paired.length === 0)
    throw new SpeechEngineError(
      'bad-voice-folder',
      `${absolute} lacks ${models[0]}.json (the voice's config)`,
    );
  if (paired.length > 1)
    throw new SpeechEngineError(
      'bad-voice-folder',
      `${absolute} holds several Piper voices (${paired.join(', ')}): keep one voice per folder`,
    );
  const model = paired[0]!;
  return {
    folder: absolute,
    name: basename(model, '.onnx'),
    modelPath: join(absolute, model),
    configPath: join(absolute, `${model}.json`),
  };
}

/** Reads a voice folder's config without loading the model (for listing voices). */
export async function readPiperVoiceConfig(files: PiperVoiceFiles): Promise<PiperVoiceConfig> {
  return parsePiperConfig(await readFile(files.configPath, 'utf8'), files.configPath);
}

/** Cuts a sentence's phonemes into runs the model takes at once: at clause ends, else at spaces. */
export function splitLongSentence(phonemes: string, maxPhonemes = PIPER_MAX_PHONEMES_PER_RUN): string[] {
  const runs: string[] = [];
  let rest = phonemes;
  while ([...rest].length > maxPhonemes) {
    const head = [...rest].slice(0, maxPhonemes).join('');
    const clauseEnd = Math.max(head.lastIndexOf(', '), head.lastIndexOf(': '), head.lastIndexOf('; '));
    const space = head.lastIndexOf(' ');
    const cut = clauseEnd > 0 ? clauseEnd + 1 : space > 0 ? space : head.length;
    runs.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest !== '') runs.push(rest);
  return runs;
}

/**
 * One sentence of model output as 16-bit samples, scaled so its loudest sample is full scale
 * (Piper's `audio_float_to_int16`; a near-silent sentence is not blown up past 1/0.01).
 */
export function audioToPcm16(audio: Float32Array): Int16Array {
  let peak = 0;
  for (const sample of audio) peak = Math.max(peak, Math.abs(sample));
  const scale = 32_767 / Math.max(0.01, peak);
  const pcm = new Int16Array(audio.length);
  for (let i = 0; i < audio.length; i += 1)
    pcm[i] = Math.max(-32_767, Math.min(32_767, Math.round(audio[i]! * scale)));
  return pcm;
}

interface PendingRun {
  resolve: (audio: Float32Array) => void;
  reject: (error: unknown) => void;
}

export class PiperVoice {
  readonly files: PiperVoiceFiles;
  readonly config: PiperVoiceConfig;
  private readonly worker: Worker;
  private readonly hasSpeakerInput: boolean;
  private readonly runs = new Map<number, PendingRun>();
  private nextJob = 1;
  private closed = false;
  private workerError: Error | undefined;

  private constructor(
    files: PiperVoiceFiles,
    config: PiperVoiceConfig,
    worker: Worker,
    inputNames: string[],
  ) {
    this.files = files;
    this.config = config;
    this.worker = worker;
    this.hasSpeakerInput = inputNames.includes('sid');
    worker.on('message', (message: FromPiperWorker) => this.onMessage(message));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      if (!this.closed) this.failAll(new Error(`the Piper voice's worker stopped (exit code ${code})`));
    });
    worker.unref();
  }

  /** Reads the voice folder and loads its model in a worker thread. */
  static async load(folder: string, options: PiperVoiceOptions = {}): Promise<PiperVoice> {
    const files = findPiperVoiceFiles(folder);
    const config = await readPiperVoiceConfig(files);
    const settings: PiperWorkerSettings = { modelPath: files.modelPath };
    const worker = startWorkerThread(
      options.workerUrl ?? new URL('./piper-worker.ts', import.meta.url),
      settings,
    );
    const ready = await waitForWorkerReady<Extract<FromPiperWorker, { type: 'ready' }>>(
      worker,
      (reason, cause) =>
        new SpeechEngineError(
          'bad-voice-folder',
          `could not load the Piper voice ${files.modelPath}: ${reason}`,
          {
            cause,
          },
        ),
    );
    return new PiperVoice(files, config, worker, ready.inputNames);
  }

  get sampleRate(): number {
    return this.config.sampleRate;
  }

  /** The model input of each run for `text`: phonemes (espeak-ng) then ids, sentence by sentence. */
  async phonemeIds(text: string, options: EspeakRunOptions = {}): Promise<number[][]> {
    const sentences = await phonemizeWithEspeak(text, this.config.espeakVoice, options);
    return sentences
      .flatMap((sentence) => splitLongSentence(sentence))
      .map((run) => phonemesToIds(run, this.config.phonemeIdMap).ids);
  }

  /**
   * Speaks `text` into `outWav`. A cancel (`options.signal`) stops between sentences at the
   * latest and rejects with the signal's reason; nothing is left under `outWav` then.
   */
  async synthesize(
    text: string,
    settings: PiperSynthesisSettings,
    outWav: string,
    options: EspeakRunOptions = {},
  ): Promise<{ sampleRate: number; durationSeconds: number }> {
    const rate = settings.rate ?? 1;
    if (!Number.isFinite(rate) || rate < 0.5 || rate > 2)
      throw new SpeechEngineError('bad-input', `the rate must be between 0.5 and 2, not ${rate}`);
    const speakerId = settings.speakerId ?? 0;
    if (!Number.isInteger(speakerId) || speakerId < 0 || speakerId >= this.config.speakers)
      throw new SpeechEngineError(
        'bad-input',
        `this voice has ${this.config.speakers} speaker(s): there is no speaker ${speakerId}`,
      );
    const runs = await this.phonemeIds(text, options);
    const scales: [number, number, number] = [
      this.config.noiseScale,
      this.config.lengthScale / rate,
      this.config.noiseW,
    ];
    const writer = await WavFileWriter.create(outWav, this.config.sampleRate);
    try {
      for (const [index, ids] of runs.entries()) {
        if (options.signal?.aborted) throw options.signal.reason;
        const audio = await this.run(ids, scales, this.hasSpeakerInput ? speakerId : null, options.signal);
        if (index > 0) await writer.appendSilence(PIPER_SENTENCE_SILENCE_SECONDS);
        await writer.append(audioToPcm16(audio));
      }
      if (options.signal?.aborted) throw options.signal.reason;
      return await writer.finish();
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }

  /** Ends the worker; later calls reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new Error('the Piper voice was closed'));
    await endWorker(this.worker);
  }

  private run(
    ids: number[],
    scales: [number, number, number],
    speakerId: number | null,
    signal: AbortSignal | undefined,
  ): Promise<Float32Array> {
    if (this.closed) return Promise.reject(new Error('the Piper voice was closed'));
    if (this.workerError) return Promise.reject(this.workerError);
    const job = this.nextJob;
    this.nextJob += 1;
    return new Promise<Float32Array>((resolvePromise, rejectPromise) => {
      // A run cannot be stopped inside ONNX Runtime: a cancel answers at once and the
      // worker's late result is dropped.
      const onAbort = (): void => pending.reject(signal!.reason);
      const settle = (): void => {
        this.runs.delete(job);
        signal?.removeEventListener('abort', onAbort);
        if (this.runs.size === 0) this.worker.unref();
      };
      const pending: PendingRun = {
        resolve: (audio) => {
          settle();
          resolvePromise(audio);
        },
        reject: (error) => {
          settle();
          rejectPromise(error);
        },
      };
      this.runs.set(job, pending);
      this.worker.ref();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.worker.postMessage({ type: 'run', job, ids, scales, speakerId } satisfies ToPiperWorker);
    });
  }

  private onMessage(message: FromPiperWorker): void {
    if (message.type === 'ready' || message.type === 'load-failed') return;
    const pending = this.runs.get(message.job);
    if (!pending) return;
    if (message.type === 'audio') pending.resolve(message.audio);
    else
      pending.reject(
        new SpeechEngineError(
          'engine-failed',
          `the Piper voice ${this.files.name} failed: ${message.message}`,
        ),
      );
  }

  private failAll(error: Error): void {
    this.workerError ??= error;
    for (const pending of [...this.runs.values()]) pending.reject(error);
  }
}
