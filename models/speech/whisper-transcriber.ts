/**
 * Voice memos to text, on this computer: a Whisper model from the catalogue (`whisper-tiny-q8`,
 * `whisper-base-q8`, as installed in `<modelsDir>/<id>/`) run by transformers.js in a worker
 * thread (`whisper-worker.ts`), from its local folder only, never the network.
 *
 * Audio is 16 kHz mono float samples (the caller decodes and resamples). Long memos are cut
 * into 30 s windows overlapping by 5 s on each side and stitched by the pipeline; the result
 * has the whole text and timed chunks.
 *
 * `WhisperTranscriber.load(modelDir)` keeps a model loaded for several memos; `transcribe(audio,
 * { modelDir })` loads, transcribes once and closes. A missing or incomplete folder rejects
 * with a `WhisperModelError` naming every missing file, before any thread starts. A cancel
 * rejects at once with the signal's reason; the worker stops at the next token.
 */
import { basename, dirname, resolve, sep } from 'node:path';
import type { Worker } from 'node:worker_threads';

import { startWorkerThread } from '../worker-thread';
import { checkWhisperFolder, WhisperModelError } from './whisper-model-folder';
import type {
  FromWhisperWorker,
  ToWhisperWorker,
  TranscriptChunk,
  WhisperWorkerSettings,
} from './whisper-worker-protocol';
import { endWorker, waitForWorkerReady } from './worker-lifecycle';

export { WhisperModelError } from './whisper-model-folder';
export type { TranscriptChunk } from './whisper-worker-protocol';

/** Whisper's window, and the overlap on each side of a window cut from a longer memo. */
export const WHISPER_CHUNK_SECONDS = 30;
export const WHISPER_STRIDE_SECONDS = 5;
export const WHISPER_SAMPLE_RATE = 16_000;

export interface Transcript {
  text: string;
  chunks: TranscriptChunk[];
}

export interface TranscribeOptions {
  /** The language spoken, when known (otherwise Whisper guesses). */
  language?: 'fr' | 'en';
  signal?: AbortSignal;
  /** Windows of 30 s done out of the total, after each. */
  onProgress?: (done: number, total: number) => void;
}

export interface WhisperLoadOptions {
  signal?: AbortSignal;
  /** The worker script, for bundled builds that emit it as its own file. */
  workerUrl?: URL;
}

interface PendingJob {
  resolve: (transcript: Transcript) => void;
  reject: (error: unknown) => void;
  onProgress: ((done: number, total: number) => void) | undefined;
}

function checkAudio(audio: unknown): asserts audio is Float32Array {
  if (!(audio instanceof Float32Array))
    throw new TypeError('the memo must be 16 kHz mono samples in a Float32Array');
}

export class WhisperTranscriber {
  /** Absolute path of the model folder. */
  readonly modelDir: string;
  private readonly worker: Worker;
  private readonly jobs = new Map<number, PendingJob>();
  private nextJob = 1;
  private closed = false;
  private workerError: Error | undefined;

  private constructor(worker: Worker, modelDir: string) {
    this.worker = worker;
    this.modelDir = modelDir;
    worker.on('message', (message: FromWhisperWorker) => this.onMessage(message));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      if (!this.closed) this.failAll(new Error(`the transcription worker stopped (exit code ${code})`));
    });
    worker.unref();
  }

  /** Checks the folder, starts a worker and loads the model (offline). */
  static async load(modelDir: string, options: WhisperLoadOptions = {}): Promise<WhisperTranscriber> {
    const { signal } = options;
    if (signal?.aborted) throw signal.reason;
    const folder = resolve(modelDir);
    const dtype = checkWhisperFolder(folder);
    const settings: WhisperWorkerSettings = {
      localModelPath: dirname(folder) + sep,
      modelName: basename(folder),
      dtype,
    };
    const worker = startWorkerThread(
      options.workerUrl ?? new URL('./whisper-worker.ts', import.meta.url),
      settings,
    );
    await waitForWorkerReady(
      worker,
      (reason, cause) =>
        new WhisperModelError(`could not load the Whisper model at ${folder}: ${reason}`, { cause }),
      signal,
    );
    return new WhisperTranscriber(worker, folder);
  }

  transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<Transcript> {
    const { signal } = options;
    try {
      checkAudio(audio);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.closed) return Promise.reject(new Error('the transcriber was closed'));
    if (this.workerError) return Promise.reject(this.workerError);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const job = this.nextJob;
    this.nextJob += 1;
    return new Promise<Transcript>((resolvePromise, rejectPromise) => {
      const onAbort = (): void => {
        if (!this.jobs.has(job)) return;
        this.worker.postMessage({ type: 'cancel', job } satisfies ToWhisperWorker);
        pending.reject(signal!.reason);
      };
      const settle = (): void => {
        this.jobs.delete(job);
        signal?.removeEventListener('abort', onAbort);
        if (this.jobs.size === 0) this.worker.unref();
      };
      const pending: PendingJob = {
        resolve: (transcript) => {
          settle();
          resolvePromise(transcript);
        },
        reject: (error) => {
          settle();
          rejectPromise(error);
        },
        onProgress: options.onProgress,
      };
      this.jobs.set(job, pending);
      this.worker.ref();
      signal?.addEventListener('abort', onAbort, { once: true });
      // A copy goes to the worker, so the caller's samples stay usable.
      const copy = audio.slice();
      this.worker.postMessage(
        {
          type: 'transcribe',
          job,
          audio: copy,
          language: options.language ?? null,
          chunkLengthSeconds: WHISPER_CHUNK_SECONDS,
          strideSeconds: WHISPER_STRIDE_SECONDS,
        } satisfies ToWhisperWorker,
        [copy.buffer as ArrayBuffer],
      );
    });
  }

  /** Ends the worker; pending and later calls reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new Error('the transcriber was closed'));
    await endWorker(this.worker);
  }

  private onMessage(message: FromWhisperWorker): void {
    if (message.type === 'ready' || message.type === 'load-failed') return;
    const pending = this.jobs.get(message.job);
    if (!pending) return; // cancelled here already
    switch (message.type) {
      case 'progress':
        pending.onProgress?.(message.done, message.total);
        break;
      case 'transcript':
        pending.resolve({ text: message.text, chunks: message.chunks });
        break;
      case 'cancelled':
        pending.reject(new Error('the transcription was cancelled'));
        break;
      case 'failed':
        pending.reject(new Error(`transcription failed: ${message.message}`));
        break;
    }
  }

  private failAll(error: Error): void {
    this.workerError ??= error;
    for (const pending of [...this.jobs.values()]) pending.reject(error);
  }
}

/** Transcribes one memo with the model in `options.modelDir`: loads it, transcribes, closes. */
export async function transcribe(
  audio: Float32Array,
  options: TranscribeOptions & { modelDir: string; workerUrl?: URL },
): Promise<Transcript> {
  checkAudio(audio);
  const transcriber = await WhisperTranscriber.load(options.modelDir, {
    signal: options.signal,
    workerUrl: options.workerUrl,
  });
  try {
    return await transcriber.transcribe(audio, options);
  } finally {
    await transcriber.close();
  }
}
