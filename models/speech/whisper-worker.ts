/**
 * The Whisper transcriber's worker thread: loads a Whisper model with transformers.js (ONNX on
 * the CPU, local files only), then transcribes jobs one at a time. Long audio goes through the
 * pipeline's own chunking (30 s windows overlapping by the stride, stitched on timestamps).
 *
 * The pipeline has no per-window callback and no cancel, so: its model's `generate` (called
 * once per window) is wrapped to report progress and to stop before the next window, and a
 * streamer (which `generate` calls with every new token) throws to stop inside a window.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { env, pipeline, type AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';

import type {
  FromWhisperWorker,
  ToWhisperWorker,
  TranscriptChunk,
  WhisperWorkerSettings,
} from './whisper-worker-protocol';
import type { CloseMessage } from './worker-lifecycle';

const port = parentPort;
if (!port) throw new Error('whisper-worker.ts runs as a worker thread only');
const settings = workerData as WhisperWorkerSettings;

/** Whisper's input rate: the caller resamples to it. */
const SAMPLE_RATE = 16_000;

function send(message: FromWhisperWorker): void {
  port!.postMessage(message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class Cancelled extends Error {}

/** The job being transcribed: what the wrapped `generate` and the streamer look at. */
let current: { job: number; done: number; total: number; cancelled: boolean } | null = null;

function stopIfCancelled(): void {
  if (current?.cancelled) throw new Cancelled();
}

/** How many windows the pipeline cuts `samples` into (the same loop as its own). */
function windowCount(samples: number, chunkLengthSeconds: number, strideSeconds: number): number {
  const window = SAMPLE_RATE * chunkLengthSeconds;
  const jump = window - 2 * SAMPLE_RATE * strideSeconds;
  let count = 1;
  for (let offset = 0; offset + window < samples; offset += jump) count += 1;
  return count;
}

async function load(): Promise<{ asr: AutomaticSpeechRecognitionPipeline; multilingual: boolean }> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = settings.localModelPath;
  env.useBrowserCache = false;
  const asr = (await pipeline('automatic-speech-recognition', settings.modelName, {
    dtype: settings.dtype,
    device: 'cpu',
    local_files_only: true,
  })) as AutomaticSpeechRecognitionPipeline;
  const model = asr.model as unknown as {
    generate: (options: unknown) => Promise<unknown>;
    generation_config?: { is_multilingual?: boolean };
  };
  const generate = model.generate.bind(model);
  model.generate = async (options: unknown) => {
    stopIfCancelled();
    const output = await generate(options);
    if (current) {
      current.done += 1;
      send({ type: 'progress', job: current.job, done: current.done, total: current.total });
    }
    return output;
  };
  // An English-only model refuses a language; a multilingual one is told which to expect.
  return { asr, multilingual: model.generation_config?.is_multilingual !== false };
}

const streamer = {
  put: (): void => stopIfCancelled(),
  end: (): void => undefined,
};

async function transcribeJob(
  model: { asr: AutomaticSpeechRecognitionPipeline; multilingual: boolean },
  message: Extract<ToWhisperWorker, { type: 'transcribe' }>,
  cancelled: boolean,
): Promise<void> {
  const { job, audio, chunkLengthSeconds, strideSeconds } = message;
  current = { job, done: 0, total: windowCount(audio.length, chunkLengthSeconds, strideSeconds), cancelled };
  try {
    stopIfCancelled();
    const language =
      model.multilingual && message.language ? { language: message.language, task: 'transcribe' } : {};
    const output = (await model.asr(audio, {
      chunk_length_s: chunkLengthSeconds,
      stride_length_s: strideSeconds,
      return_timestamps: true,
      streamer,
      ...language,
    } as Record<string, unknown>)) as {
      text: string;
      chunks?: Array<{ text: string; timestamp: [number, number | null] }>;
    };
    const duration = audio.length / SAMPLE_RATE;
    const chunks: TranscriptChunk[] = (output.chunks ?? []).map((chunk) => ({
      text: chunk.text.trim(),
      startSeconds: chunk.timestamp[0],
      endSeconds: chunk.timestamp[1] ?? duration,
    }));
    send({ type: 'transcript', job, text: output.text.trim(), chunks });
  } catch (error) {
    if (error instanceof Cancelled) send({ type: 'cancelled', job });
    else send({ type: 'failed', job, message: messageOf(error) });
  } finally {
    current = null;
  }
}

async function main(): Promise<void> {
  let model: Awaited<ReturnType<typeof load>>;
  try {
    model = await load();
  } catch (error) {
    send({ type: 'load-failed', message: messageOf(error) });
    return;
  }
  send({ type: 'ready' });
  const cancelledEarly = new Set<number>();
  let queue = Promise.resolve();
  port!.on('message', (message: ToWhisperWorker | CloseMessage) => {
    if (message.type === 'close') {
      // Exits once the current job is over (see worker-lifecycle.ts).
      if (current) current.cancelled = true;
      queue = queue.then(() => port!.close());
      return;
    }
    if (message.type === 'cancel') {
      if (current?.job === message.job) current.cancelled = true;
      else cancelledEarly.add(message.job);
      return;
    }
    queue = queue.then(() => transcribeJob(model, message, cancelledEarly.delete(message.job)));
  });
}

void main();
