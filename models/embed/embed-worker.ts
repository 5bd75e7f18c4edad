/**
 * The neural embedder's worker thread: loads a sentence model with transformers.js (ONNX on
 * the CPU, local files only), then embeds texts job by job. Each text is cut into chunks of
 * whole sentences within the model's token budget; chunks go through the model in batches
 * (mean pooling over tokens, L2-normalised), and each text's chunk vectors are averaged and
 * normalised again. Between batches it reports progress and lets a cancel message in.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';

import type { EmbedWorkerSettings, FromWorker, ToWorker } from './embed-worker-protocol';
import { chunkText } from './text-chunking';
import { meanPoolNormalised } from './vector-pooling';

const port = parentPort;
if (!port) throw new Error('embed-worker.ts runs as a worker thread only');
const settings = workerData as EmbedWorkerSettings;

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function yieldToMessages(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

interface LoadedModel {
  extractor: FeatureExtractionPipeline;
  dimension: number;
  /** Tokens a chunk may hold, special tokens left out. */
  budget: number;
  countTokens: (text: string) => number;
}

async function load(): Promise<LoadedModel> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = settings.localModelPath;
  env.useBrowserCache = false;
  const extractor = (await pipeline('feature-extraction', settings.modelName, {
    dtype: settings.dtype,
    device: 'cpu',
    local_files_only: true,
  })) as FeatureExtractionPipeline;
  const tokenizer = extractor.tokenizer;
  const config = extractor.model.config as unknown as Record<string, unknown>;
  const limits = [settings.maxTokensPerChunk, Number(tokenizer.model_max_length)];
  if (typeof config.max_position_embeddings === 'number') limits.push(config.max_position_embeddings);
  const maxTokens = Math.floor(Math.min(...limits.filter((limit) => Number.isFinite(limit) && limit > 0)));
  const overhead = tokenizer.encode('', { add_special_tokens: true }).length;
  const budget = maxTokens - overhead;
  if (!(budget >= 1)) throw new Error(`the model leaves no room for text in ${maxTokens} tokens`);
  // The dimension is whatever the model outputs, not what its config claims.
  const probe = await extractor('dimension probe', { pooling: 'mean', normalize: true });
  const dimension = probe.dims[probe.dims.length - 1];
  if (typeof dimension !== 'number' || dimension < 1) throw new Error('the model gave no vector');
  const countTokens = (text: string): number => tokenizer.encode(text, { add_special_tokens: false }).length;
  return { extractor, dimension, budget, countTokens };
}

const cancelled = new Set<number>();

async function embedJob(model: LoadedModel, job: number, texts: string[], batchSize: number): Promise<void> {
  const chunksOf = texts.map((text) => chunkText(text, model.budget, model.countTokens));
  const flat: Array<{ text: number; chunk: string }> = [];
  chunksOf.forEach((chunks, text) => chunks.forEach((chunk) => flat.push({ text, chunk })));
  const chunkVectors: Float32Array[][] = texts.map(() => []);
  const { dimension } = model;
  let textsDone = 0;
  const advanceDone = (): void => {
    while (textsDone < texts.length && chunkVectors[textsDone]!.length === chunksOf[textsDone]!.length) {
      textsDone += 1;
    }
  };
  advanceDone();
  for (let start = 0; start < flat.length; start += batchSize) {
    await yieldToMessages();
    if (cancelled.has(job)) {
      send({ type: 'cancelled', job });
      return;
    }
    const batch = flat.slice(start, start + batchSize);
    const output = await model.extractor(
      batch.map((item) => item.chunk),
      { pooling: 'mean', normalize: true },
    );
    const data = output.data as Float32Array;
    batch.forEach((item, row) => {
      chunkVectors[item.text]!.push(data.slice(row * dimension, (row + 1) * dimension));
    });
    advanceDone();
    if (start + batchSize < flat.length)
      send({ type: 'progress', job, done: textsDone, total: texts.length });
  }
  const vectors = chunkVectors.map((vectors) => meanPoolNormalised(vectors, dimension));
  send(
    { type: 'vectors', job, vectors },
    vectors.map((vector) => vector.buffer as ArrayBuffer),
  );
}

async function main(): Promise<void> {
  let model: LoadedModel;
  try {
    model = await load();
  } catch (error) {
    send({ type: 'load-failed', message: messageOf(error) });
    return;
  }
  send({ type: 'ready', dimension: model.dimension, tokenBudget: model.budget });
  let queue = Promise.resolve();
  port!.on('message', (message: ToWorker) => {
    if (message.type === 'cancel') {
      cancelled.add(message.job);
      return;
    }
    queue = queue.then(async () => {
      try {
        if (cancelled.delete(message.job)) {
          send({ type: 'cancelled', job: message.job });
        } else if (message.type === 'embed') {
          await embedJob(model, message.job, message.texts, message.batchSize);
        } else {
          const chunks = message.texts.map((text) => chunkText(text, model.budget, model.countTokens));
          send({ type: 'chunks', job: message.job, chunks });
        }
      } catch (error) {
        send({ type: 'failed', job: message.job, message: messageOf(error) });
      } finally {
        cancelled.delete(message.job);
      }
    });
  });
}

void main();
