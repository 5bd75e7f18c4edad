/**
 * Starting and ending the speech workers without ever killing one inside ONNX Runtime.
 *
 * onnxruntime-node creates sessions and runs models synchronously on the worker's thread. If
 * the worker is terminated while that native code runs (transformers.js creates Whisper's two
 * sessions side by side, so one may still be loading when the other fails; a cancelled run may
 * still be going), the binding throws into a dying JavaScript context and the whole process
 * aborts ("terminate called after throwing an instance of 'Napi::Error'"; seen here with
 * onnxruntime-node 1.30). So a worker is never terminated while it may be busy:
 *
 * - a worker whose load failed has nothing left to do and exits by itself once its native work
 *   is over; the caller gets the error at once;
 * - a load cancelled by the caller rejects at once, and the worker is ended when it is ready;
 * - ending a worker sends it `{ type: 'close' }`: it finishes its current job, closes its port
 *   and exits (terminated only if it has not exited after a long grace period).
 */
import type { Worker } from 'node:worker_threads';

/** What a speech worker accepts besides its jobs. */
export interface CloseMessage {
  type: 'close';
}

const CLOSE_GRACE_MS = 60_000;

/** Asks `worker` to finish and exit; resolves when it has. */
export function endWorker(worker: Worker): Promise<void> {
  return new Promise<void>((resolve) => {
    if (worker.threadId === -1) return resolve(); // already exited
    const timer = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
    timer.unref();
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage({ type: 'close' } satisfies CloseMessage);
  });
}

/**
 * Waits for a freshly started worker's first message: 'ready' resolves; 'load-failed', an
 * error or an exit rejects with `fail(reason)`; `signal` rejects with its reason. Only its own
 * listeners are removed afterwards.
 */
export function waitForWorkerReady<Ready extends { type: 'ready' }>(
  worker: Worker,
  fail: (reason: string, cause?: unknown) => Error,
  signal?: AbortSignal,
): Promise<Ready> {
  return new Promise<Ready>((resolve, reject) => {
    let abandoned = false;
    const stop = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (message: { type: string; message?: string }): void => {
      if (message.type === 'ready') {
        stop();
        if (abandoned) void endWorker(worker);
        else resolve(message as Ready);
        return;
      }
      stop();
      const reason =
        message.type === 'load-failed' ? String(message.message) : `unexpected message ${message.type}`;
      if (!abandoned) reject(fail(reason));
    };
    const onError = (error: Error): void => {
      stop();
      if (!abandoned) reject(fail(error.message, error));
    };
    const onExit = (code: number): void => {
      stop();
      if (!abandoned) reject(fail(`the worker exited (code ${code})`));
    };
    const onAbort = (): void => {
      // The worker keeps loading; it is ended as soon as it is ready (or exits on failure).
      abandoned = true;
      worker.off('error', onError);
      worker.on('error', () => undefined); // it is no one's worker now: nothing to tell
      worker.off('exit', onExit);
      signal?.removeEventListener('abort', onAbort);
      worker.unref();
      reject(signal!.reason);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
