/**
 * Starts the fault-injection child. Starting it through tsx costs about half a second per
 * run, too slow for hundreds of trials on two cores, so the child is first bundled once with
 * esbuild (installed with tsx and vite) into one ESM file that plain node starts in ~0.05 s.
 * Without esbuild the runner falls back to `node --import tsx child.ts`.
 */
import { spawn } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ChildSpec } from './child';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export interface ChildRunner {
  /** How the child is started, for the test's log. */
  mode: 'esbuild-bundle' | 'tsx';
  run(spec: ChildSpec, env: Record<string, string>): Promise<ChildExit>;
}

const CHILD_SOURCE = fileURLToPath(new URL('./child.ts', import.meta.url));
const REPO_NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));

export async function prepareChildRunner(workDir: string): Promise<ChildRunner> {
  const bundle = await bundleChild(join(workDir, 'fault-child.mjs'));
  const args = bundle ? [bundle] : ['--import', 'tsx', CHILD_SOURCE];
  return {
    mode: bundle ? 'esbuild-bundle' : 'tsx',
    run: (spec, env) => runChild(args, spec, env),
  };
}

async function bundleChild(outfile: string): Promise<string | undefined> {
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [CHILD_SOURCE],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Why zod outside: parsing it costs each child ~0.1 s and the child never reads a journal;
      // a node_modules link beside the bundle resolves it if it ever does.
      external: ['drivelist', 'usb', 'zod'],
      // Why: bundled CommonJS dependencies call require(); ESM output has none of its own.
      banner: {
        js: "import { createRequire as __talemoRequire } from 'node:module'; const require = __talemoRequire(import.meta.url);",
      },
      logLevel: 'silent',
    });
    await symlink(REPO_NODE_MODULES, join(outfile, '..', 'node_modules'), 'dir');
    return outfile;
  } catch {
    return undefined;
  }
}

function runChild(args: string[], spec: ChildSpec, env: Record<string, string>): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args, JSON.stringify(spec)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}
