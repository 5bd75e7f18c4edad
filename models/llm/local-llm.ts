/**
 * One loaded drafting model, run in its own worker thread (`llm-worker.ts`) so the thread that
 * serves the UI never waits on llama.cpp. The file is checked first (`gguf-check.ts`); threads
 * default to one less than the cores (node-llama-cpp's own default collapses speed on small
 * machines: shared/research/models.md, pitfall 1). Requests run one at a time on one context,
 * reusing what the previous one evaluated; `close()` frees the model.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';

import { startWorkerThread, waitForReady } from '../worker-thread';
import { checkGgufFile, systemMemory, type GgufFacts, type MemoryProbe } from './gguf-check';
import { LlmModelError } from './llm-model-error';
import type {
  FromLlmWorker,
  GenerateDone,
  GenerateRequest,
  LlmWorkerSettings,
  ToLlmWorker,
} from './llm-worker-protocol';

export const DEFAULT_CONTEXT_SIZE = 4096;

export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

export interface LocalLlmOptions {
  threads?: number | undefined;
  contextSize?: number | undefined;
  /** The worker script, for bundled builds that emit it as its own file. */
  workerUrl?: URL | undefined;
  memory?: MemoryProbe | undefined;
}

export interface GenerateControl {
  signal?: AbortSignal | undefined;
  /** Each piece of text as it is generated. */
  onText?: ((text: string) => void) | undefined;
}

interface PendingJob {
  resolve: (done: GenerateDone) => void;
  reject: (error: unknown) => void;
  onText?: ((text: string) => void) | undefined;
}

export class LocalLlm {
  readonly facts: GgufFacts;
  readonly threads: number;
  readonly contextSize: number;
  readonly #worker: Worker;
  readonly #jobs = new Map<number, PendingJob>();
  #nextJob = 1;
  #closed = false;

  private constructor(worker: Worker, facts: GgufFacts, threads: number, contextSize: number) {
    this.#worker = worker;
    this.facts = facts;
    this.threads = threads;
    this.contextSize = contextSize;
    worker.on('message', (message: FromLlmWorker) => this.#onMessage(message));
    worker.on('error', (error) => this.#failAll(error));
    worker.on('exit', (code) => {
      if (!this.#closed) this.#failAll(new Error(`the drafting model stopped (exit code ${code})`));
    });
    worker.unref();
  }

  static async load(modelPath: string, options: LocalLlmOptions = {}): Promise<LocalLlm> {
    const threads = options.threads ?? defaultThreads();
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError('threads must be an integer ≥ 1');
    const facts = await checkGgufFile(modelPath, options.memory ?? systemMemory);
    const settings: LlmWorkerSettings = {
      modelPath: facts.path,
      threads,
      contextSize: options.contextSize ?? DEFAULT_CONTEXT_SIZE,
    };
    const worker = startWorkerThread(
      options.workerUrl ?? new URL('./llm-worker.ts', import.meta.url),
      settings,
    );
    const ready = await waitForReady<Extract<FromLlmWorker, { type: 'ready' }>>(
      worker,
      (reason, cause) =>
        new LlmModelError('load-failed', `The model ${modelPath} could not be loaded: ${reason}`, { cause }),
    );
    return new LocalLlm(worker, facts, threads, ready.contextSize);
  }

  /**
   * Generates an answer. Rejects with the signal's reason when it aborts (generation stops at
   * the next token); the model stays loaded for the next request.
   */
  generate(request: GenerateRequest, control: GenerateControl = {}): Promise<GenerateDone> {
    const { signal } = control;
    if (this.#closed) return Promise.reject(new Error('the drafting model was closed'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    const job = this.#nextJob;
    this.#nextJob += 1;
    return new Promise<GenerateDone>((resolve, reject) => {
      const onAbort = (): void => this.#worker.postMessage({ type: 'cancel', job } satisfies ToLlmWorker);
      const settle = (): void => {
        this.#jobs.delete(job);
        signal?.removeEventListener('abort', onAbort);
        if (this.#jobs.size === 0) this.#worker.unref();
      };
      this.#jobs.set(job, {
        onText: control.onText,
        resolve: (done) => {
          settle();
          if (signal?.aborted) reject(signal.reason);
          else resolve(done);
        },
        reject: (error) => {
          settle();
          reject(signal?.aborted ? signal.reason : error);
        },
      });
      this.#worker.ref();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#worker.postMessage({ type: 'generate', job, ...request } satisfies ToLlmWorker);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#failAll(new Error('the drafting model was closed'));
    await this.#worker.terminate();
  }

  #onMessage(message: FromLlmWorker): void {
    if (message.type === 'ready' || message.type === 'load-failed') return;
    const job = this.#jobs.get(message.job);
    if (!job) return;
    if (message.type === 'text') job.onText?.(message.text);
    else if (message.type === 'done') job.resolve(message);
    else job.reject(new Error(`generation failed: ${message.message}`));
  }

  #failAll(error: Error): void {
    for (const job of [...this.#jobs.values()]) job.reject(error);
  }
}
