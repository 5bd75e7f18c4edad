/**
 * `npm run web`: serves the app on 127.0.0.1 and prints the address to open. Also what
 * `npm start` falls back to where the Electron binary is not installed.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

import { defaultDataDir } from '../core/data-dir';
import { embedModelFromEnv } from '../core/embedder-choice';
import { startWebServer } from './web-server';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

export async function runWebMode(argv: string[] = process.argv.slice(2)): Promise<void> {
  const libraryIndex = argv.indexOf('--library');
  const portIndex = argv.indexOf('--port');
  const server = await startWebServer({
    libraryDir: libraryIndex >= 0 ? resolve(argv[libraryIndex + 1]!) : defaultDataDir(),
    rendererDir: resolve(import.meta.dirname, '../../out/renderer'),
    embedModelFolder: embedModelFromEnv(),
    port: portIndex >= 0 ? Number(argv[portIndex + 1]) : 0,
    version,
  });
  console.log(`Talemo is running in local web mode. Open: ${server.url}`);
  console.log(`Library: ${server.core.library.dir}. Press Ctrl+C to stop.`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
