#!/usr/bin/env node
// `npm start`: the Electron app where its binary is installed; otherwise, say so in one
// line and serve the same app in local web mode. `--web` asks for web mode directly.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const wantWeb = args.includes('--web');

let electronBinary = null;
if (!wantWeb) {
  try {
    // The electron package exports the binary's path, and throws when the binary is missing.
    electronBinary = createRequire(import.meta.url)('electron');
  } catch {
    electronBinary = null;
  }
}

if (electronBinary) {
  const child = spawn(electronBinary, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!wantWeb) {
    console.log('Electron is not installed on this machine, so Talemo opens in local web mode instead.');
  }
  const { register } = await import('tsx/esm/api');
  register();
  const { runWebMode } = await import('../desktop/web/start-web.ts');
  await runWebMode(args.filter((arg) => arg !== '--web'));
}
