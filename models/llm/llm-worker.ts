/**
 * The drafting model's worker thread: loads one GGUF with node-llama-cpp (CPU, prebuilt
 * binaries only, never a download or a build), keeps one context, and answers generate
 * requests one at a time on that context's sequence, so the prefix a new request shares with
 * the last one (the system prompt) is not evaluated again. Text streams back as it forms; a
 * cancel stops generation at the next token.
 */
import { parentPort, workerData } from 'node:worker_threads';

import {
  getLlama,
  LlamaChatSession,
  LlamaLogLevel,
  type ChatHistoryItem,
  type LlamaContextSequence,
  type LlamaGrammar,
  type Llama,
} from 'node-llama-cpp';

import type { FromLlmWorker, GenerateRequest, LlmWorkerSettings, ToLlmWorker } from './llm-worker-protocol';

const port = parentPort;
if (!port) throw new Error('llm-worker.ts runs as a worker thread only');
const settings = workerData as LlmWorkerSettings;

function send(message: FromLlmWorker): void {
  port!.postMessage(message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const TEXT_FLUSH_MS = 50;

const grammars = new Map<string, Promise<LlamaGrammar>>();
const controllers = new Map<number, AbortController>();

async function generate(
  llama: Llama,
  sequence: LlamaContextSequence,
  job: number,
  request: GenerateRequest,
): Promise<void> {
  const controller = new AbortController();
  controllers.set(job, controller);
  const started = performance.now();
  let firstTokenMs: number | null = null;
  const session = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
  try {
    const history: ChatHistoryItem[] = [{ type: 'system', text: request.system }];
    for (const turn of request.history) {
      history.push(
        turn.role === 'user' ? { type: 'user', text: turn.text } : { type: 'model', response: [turn.text] },
      );
    }
    session.setChatHistory(history);
    let grammar: LlamaGrammar | undefined;
    if (request.schema) {
      const key = JSON.stringify(request.schema);
      if (!grammars.has(key)) grammars.set(key, llama.createGrammarForJsonSchema(request.schema as never));
      grammar = await grammars.get(key);
    }
    // Text goes out in pieces at most every TEXT_FLUSH_MS (the first at once): a message per
    // token cost a quarter of the speed on a small model.
    let pending = '';
    let lastFlush = 0;
    const flush = (): void => {
      if (pending) send({ type: 'text', job, text: pending });
      pending = '';
      lastFlush = performance.now();
    };
    const before = sequence.tokenMeter.getState();
    const result = await session.promptWithMeta(request.prompt, {
      ...(grammar ? { grammar } : {}),
      maxTokens: request.maxTokens,
      seed: request.seed,
      temperature: request.temperature,
      signal: controller.signal,
      stopOnAbortSignal: true,
      onTextChunk: (text) => {
        firstTokenMs ??= performance.now() - started;
        pending += text;
        if (lastFlush === 0 || performance.now() - lastFlush >= TEXT_FLUSH_MS) flush();
      },
    });
    flush();
    const after = sequence.tokenMeter.getState();
    send({
      type: 'done',
      job,
      text: result.responseText,
      stopReason: result.stopReason,
      inputTokens: after.usedInputTokens - before.usedInputTokens,
      outputTokens: after.usedOutputTokens - before.usedOutputTokens,
      firstTokenMs,
      totalMs: performance.now() - started,
    });
  } finally {
    controllers.delete(job);
    session.dispose({ disposeSequence: false });
  }
}

async function main(): Promise<void> {
  let llama: Llama;
  let sequence: LlamaContextSequence;
  let trainContextSize: number;
  try {
    // build: 'never': a missing prebuilt binary fails here, instead of fetching llama.cpp from GitHub.
    llama = await getLlama({
      gpu: false,
      build: 'never',
      progressLogs: false,
      logLevel: LlamaLogLevel.error,
      // Why: its default (at least 4) on a 2-core laptop collapsed generation to a few tokens/s.
      maxThreads: settings.threads,
    });
    const model = await llama.loadModel({ modelPath: settings.modelPath });
    trainContextSize = model.trainContextSize;
    const context = await model.createContext({
      threads: settings.threads,
      contextSize: Math.min(settings.contextSize, model.trainContextSize),
    });
    sequence = context.getSequence();
    send({ type: 'ready', contextSize: context.contextSize, threads: settings.threads, trainContextSize });
  } catch (error) {
    send({ type: 'load-failed', message: messageOf(error) });
    return;
  }
  let queue = Promise.resolve();
  const waiting = new Set<number>();
  port!.on('message', (message: ToLlmWorker) => {
    if (message.type === 'cancel') {
      controllers.get(message.job)?.abort();
      waiting.delete(message.job);
      return;
    }
    waiting.add(message.job);
    queue = queue.then(async () => {
      // Cancelled while it waited its turn: it never starts.
      if (!waiting.delete(message.job)) {
        send({ type: 'failed', job: message.job, message: 'cancelled' });
        return;
      }
      try {
        await generate(llama, sequence, message.job, message);
      } catch (error) {
        send({ type: 'failed', job: message.job, message: messageOf(error) });
      }
    });
  });
}

void main();
