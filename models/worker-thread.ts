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
