/**
 * A Piper voice's worker thread: holds the ONNX Runtime session and runs one sentence at a
 * time. onnxruntime-node runs a model synchronously on the thread that calls it (its `run`
 * only defers the start), so a sentence of a medium voice would freeze the caller's thread for
 * a few hundred milliseconds; here it freezes only this worker.
 */
import { parentPort, workerData } from 'node:worker_threads';

import * as ort from 'onnxruntime-node';

import type { FromPiperWorker, PiperWorkerSettings, ToPiperWorker } from './piper-worker-protocol';
import type { CloseMessage } from './worker-lifecycle';

const port = parentPort;
if (!port) throw new Error('piper-worker.ts runs as a worker thread only');
const settings = workerData as PiperWorkerSettings;

function send(message: FromPiperWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Piper's model inputs; `sid` is there only in multi-speaker voices. */
const REQUIRED_INPUTS = ['input', 'input_lengths', 'scales'];

async function run(session: ort.InferenceSession, message: ToPiperWorker): Promise<Float32Array> {
  const feeds: Record<string, ort.Tensor> = {
    input: new ort.Tensor('int64', BigInt64Array.from(message.ids, BigInt), [1, message.ids.length]),
    input_lengths: new ort.Tensor('int64', BigInt64Array.of(BigInt(message.ids.length)), [1]),
    scales: new ort.Tensor('float32', Float32Array.from(message.scales), [3]),
  };
  if (message.speakerId !== null)
    feeds.sid = new ort.Tensor('int64', BigInt64Array.of(BigInt(message.speakerId)), [1]);
  const results = await session.run(feeds);
  const output = results[session.outputNames[0]!];
  if (!output || output.type !== 'float32') throw new Error('the voice did not output float32 audio');
  // A copy that owns its buffer, so it can be transferred without ORT's memory.
  return Float32Array.from(output.data as Float32Array);
}

async function main(): Promise<void> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(settings.modelPath);
    const missing = REQUIRED_INPUTS.filter((name) => !session.inputNames.includes(name));
    if (missing.length > 0)
      throw new Error(`the model has no input ${missing.join(', ')}: not a Piper voice`);
  } catch (error) {
    send({ type: 'load-failed', message: messageOf(error) });
    return;
  }
  send({ type: 'ready', inputNames: [...session.inputNames] });
  let queue = Promise.resolve();
  port!.on('message', (message: ToPiperWorker | CloseMessage) => {
    if (message.type === 'close') {
      // Exits once the current run is over (see worker-lifecycle.ts).
      queue = queue.then(() => port!.close());
      return;
    }
    queue = queue.then(async () => {
      try {
        const audio = await run(session, message);
        send({ type: 'audio', job: message.job, audio }, [audio.buffer as ArrayBuffer]);
      } catch (error) {
        send({ type: 'failed', job: message.job, message: messageOf(error) });
      }
    });
  });
}

void main();
