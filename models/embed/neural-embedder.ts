/**
 * The neural embedder: a sentence model run by transformers.js (ONNX on the CPU) from a
 * local folder only, never the network. It runs in a worker thread (`embed-worker.ts`), so
 * the caller's thread stays free: texts are cut into chunks of whole sentences within the
 * model's token budget, chunks are embedded in batches (mean pooling over tokens, then L2
 * normalisation), and a text's vector is the normalised mean of its chunks' vectors.
 *
 * `NeuralEmbedder.load(modelFolder)` starts the worker, loads the model and reads the
 * dimension from the model's output; it rejects with a `NeuralModelError` naming the folder
 * when the folder is missing, incomplete or the model does not load. `embed` reports
 * progress after each batch and stops between batches when its signal aborts (the call
 * rejects at once with the signal's reason; the loaded model stays for later calls).
 * `close()` ends the worker. An idle worker does not keep the process alive.
 *
 * The id is `neural-<folder name>-v<version>` (plus `-t<tokens>` for a non-default chunk
 * size): vectors from two models, or two chunkings, never mix. An empty or whitespace-only
 * text gives the zero vector.
 */
import { basename, dirname, resolve, sep } from 'node:path';
import type { Worker } from 'node:worker_threads';

import type { EmbedOptions, Embedder } from './embedder';
import type { EmbedWorkerSettings, FromWorker, ToWorker } from './embed-worker-protocol';
import { startWorkerThread, waitForReady } from '../worker-thread';
import { checkModelFolder, NeuralModelError } from './neural-model-folder';

export { NeuralModelError } from './neural-model-folder';

/** Bumped when the chunking or pooling changes, so stored vectors are rebuilt. */
export const NEURAL_EMBEDDER_VERSION = '1';
/** Chunk size in tokens (special tokens included) unless the model allows fewer. */
export const NEURAL_DEFAULT_MAX_TOKENS = 512;
export const NEURAL_DEFAULT_BATCH_SIZE = 32;
/**
 * The boundary cosine of a model nobody measured: the guard's default threshold, so its
 * scores are plain cosines. The model catalogue gives each model its measured value.
 */
export const NEURAL_UNCALIBRATED_DUPLICATE_COSINE = 0.85;

export interface NeuralEmbedderOptions {
  /** Weights variant: `fp32` (default) reads `onnx/model.onnx`, `q8` reads `onnx/model_quantized.onnx`. */
  dtype?: 'fp32' | 'q8';
  /** The model's measured boundary between copies and different stories (see `Embedder.duplicateCosine`). */
  duplicateCosine?: number;
  /** Largest chunk in tokens, special tokens included (default 512); the model's own limit wins if smaller. */
  maxTokensPerChunk?: number;
  /** Chunks per model call (default 32). */
  batchSize?: number;
  /**
   * The worker script, for bundled builds that emit it as its own file. By default the
   * `embed-worker` beside this module; a `.ts` one runs through tsx's loader.
   */
  workerUrl?: URL;
}

interface PendingJob {
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
  onVectors?: (vectors: Float32Array[]) => void;
  onChunks?: (chunks: string[][]) => void;
  onProgress?: (done: number, total: number) => void;
}

/** A name for the id: the folder's, with anything odd replaced. */
function idPart(folder: string): string {
  return basename(folder).replace(/[^A-Za-z0-9._-]+/g, '_') || 'model';
}

export class NeuralEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  readonly version = NEURAL_EMBEDDER_VERSION;
  readonly duplicateCosine: number;
  /** Absolute path of the model folder. */
  readonly modelFolder: string;
  /** Tokens of text per chunk (the budget less the model's special tokens). */
  readonly tokenBudget: number;

  private readonly worker: Worker;
  private readonly batchSize: number;
  private readonly jobs = new Map<number, PendingJob>();
  private nextJob = 1;
  private closed = false;
  private workerError: Error | undefined;

  private constructor(
    worker: Worker,
    modelFolder: string,
    dimension: number,
    tokenBudget: number,
    maxTokens: number,
    batchSize: number,
    duplicateCosine: number,
  ) {
    this.duplicateCosine = duplicateCosine;
    this.worker = worker;
    this.modelFolder = modelFolder;
    this.dimension = dimension;
    this.tokenBudget = tokenBudget;
    this.batchSize = batchSize;
    this.id =
      `neural-${idPart(modelFolder)}-v${NEURAL_EMBEDDER_VERSION}` +
      (maxTokens === NEURAL_DEFAULT_MAX_TOKENS ? '' : `-t${maxTokens}`);
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      if (!this.closed) this.failAll(new Error(`the embedding worker stopped (exit code ${code})`));
    });
    worker.unref();
  }

  /** Starts a worker and loads the model in `modelFolder` (offline). */
  static async load(modelFolder: string, options: NeuralEmbedderOptions = {}): Promise<NeuralEmbedder> {
    const folder = resolve(modelFolder);
    const dtype = options.dtype ?? 'fp32';
    const maxTokens = options.maxTokensPerChunk ?? NEURAL_DEFAULT_MAX_TOKENS;
    const batchSize = options.batchSize ?? NEURAL_DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(maxTokens) || maxTokens < 2) {
      throw new RangeError('maxTokensPerChunk must be an integer ≥ 2');
    }
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new RangeError('batchSize must be an integer ≥ 1');
    const duplicateCosine = options.duplicateCosine ?? NEURAL_UNCALIBRATED_DUPLICATE_COSINE;
    if (!(duplicateCosine > 0 && duplicateCosine < 1))
      throw new RangeError('duplicateCosine must be in (0, 1)');
    checkModelFolder(folder, dtype);
    const settings: EmbedWorkerSettings = {
      localModelPath: dirname(folder) + sep,
      modelName: basename(folder),
      dtype,
      maxTokensPerChunk: maxTokens,
    };
    const worker = startWorkerThread(
      options.workerUrl ?? new URL('./embed-worker.ts', import.meta.url),
      settings,
    );
    const ready = await waitForReady<Extract<FromWorker, { type: 'ready' }>>(
      worker,
      (reason, cause) => new NeuralModelError(`could not load the model at ${folder}: ${reason}`, { cause }),
    );
    return new NeuralEmbedder(
      worker,
      folder,
      ready.dimension,
      ready.tokenBudget,
      maxTokens,
      batchSize,
      duplicateCosine,
    );
  }

  embed(texts: string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    if (!Array.isArray(texts) || texts.some((text) => typeof text !== 'string')) {
      return Promise.reject(new TypeError('the neural embedder embeds strings only'));
    }
    const { onProgress } = options;
    return this.run<Float32Array[]>(
      { type: 'embed', texts, batchSize: this.batchSize },
      options.signal,
      (job) => {
        job.onVectors = (vectors) => {
          onProgress?.(texts.length, texts.length);
          job.resolve(vectors as never);
        };
        job.onProgress = onProgress;
      },
    );
  }

  /** The chunks each text is cut into before embedding (for tests, and to show matching passages). */
  chunk(texts: string[], signal?: AbortSignal): Promise<string[][]> {
    return this.run<string[][]>({ type: 'chunk', texts }, signal, (job) => {
      job.onChunks = (chunks) => job.resolve(chunks as never);
    });
  }

  /** Ends the worker; later calls reject. Pending calls reject too. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new Error('the neural embedder was closed'));
    await this.worker.terminate();
  }

  private run<T>(
    request: { type: 'embed'; texts: string[]; batchSize: number } | { type: 'chunk'; texts: string[] },
    signal: AbortSignal | undefined,
    setUp: (job: PendingJob) => void,
  ): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the neural embedder was closed'));
    if (this.workerError) return Promise.reject(this.workerError);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = this.nextJob;
    this.nextJob += 1;
    return new Promise<T>((resolvePromise, rejectPromise) => {
      const onAbort = (): void => {
        if (!this.jobs.has(id)) return;
        this.worker.postMessage({ type: 'cancel', job: id } satisfies ToWorker);
        job.reject(signal!.reason);
      };
      const settle = (): void => {
        this.jobs.delete(id);
        signal?.removeEventListener('abort', onAbort);
        if (this.jobs.size === 0) this.worker.unref();
      };
      const job: PendingJob = {
        resolve: (value) => {
          settle();
          resolvePromise(value);
        },
        reject: (error) => {
          settle();
          rejectPromise(error);
        },
      };
      setUp(job);
      this.jobs.set(id, job);
      this.worker.ref();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.worker.postMessage({ ...request, job: id } as ToWorker);
    });
  }

  private onMessage(message: FromWorker): void {
    if (message.type === 'ready' || message.type === 'load-failed') return;
    const job = this.jobs.get(message.job);
    if (!job) return; // cancelled here already
    switch (message.type) {
      case 'progress':
        job.onProgress?.(message.done, message.total);
        break;
      case 'vectors':
        job.onVectors?.(message.vectors);
        break;
      case 'chunks':
        job.onChunks?.(message.chunks);
        break;
      case 'cancelled':
        job.reject(new Error('the embedding job was cancelled'));
        break;
      case 'failed':
        job.reject(new Error(`embedding failed: ${message.message}`));
        break;
    }
  }

  private failAll(error: Error): void {
    this.workerError ??= error;
    for (const job of [...this.jobs.values()]) job.reject(error);
  }
}
