/**
 * Starts a worker thread from a module URL, built (`.js`) or from source (`.ts`). Shared by the
 * neural embedder's and the drafting model's workers.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export function startWorkerThread(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  // Source checkout (tests, tsx): Node cannot load a .ts worker by itself, and a worker's
  // entry module ignores an `--import` loader, so a one-line bootstrap registers tsx first.
  // (`require.resolve` finds tsx's CommonJS build; the worker needs its ES module twin.)
  const tsxApiPath = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsxApi = pathToFileURL(tsxApiPath).href;
  const bootstrap =
    `import(${JSON.stringify(tsxApi)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Waits for a freshly started worker's first message: its 'ready' one resolves, anything else
 * (a 'load-failed' message, an error, an exit) rejects with `fail(reason)` and ends the
 * worker. Only its own listeners are removed afterwards: the caller's (which keep the worker's
 * port referenced) must stay.
 */
export function waitForReady<Ready extends { type: 'ready' }>(
  worker: Worker,
  fail: (reason: string, cause?: unknown) => Error,
): Promise<Ready> {
  return new Promise<Ready>((resolve, reject) => {
    const stop = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const failWith = (reason: string, cause?: unknown): void => {
      stop();
      void worker.terminate();
      reject(fail(reason, cause));
    };
    const onMessage = (message: { type: string; message?: string }): void => {
      if (message.type === 'ready') {
        stop();
        resolve(message as Ready);
      } else {
        failWith(
          message.type === 'load-failed' ? String(message.message) : `unexpected message ${message.type}`,
        );
      }
    };
    const onError = (error: Error): void => failWith(error.message, error);
    const onExit = (code: number): void => failWith(`the worker exited (code ${code})`);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
