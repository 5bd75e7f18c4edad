/**
 * Finding and running the espeak-ng program. espeak-ng is GPL-3: we only ever run it as a
 * separate program (the system's, or a copy shipped beside the app), never link or bundle its
 * code, and we talk to it through arguments and pipes only, never through a shell.
 *
 * Where we look, first found wins: `espeakPath` (the caller's choice), env `TALEMO_ESPEAK`, the
 * copy shipped beside the app (`shippedEspeakPath`, passed by the packaged app), `espeak-ng` on
 * PATH, then the usual install folders (an app started from the macOS Finder or the Windows
 * Start menu has a short PATH that misses Homebrew and Program Files).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Writable } from 'node:stream';

import { SpeechEngineError } from './speech-engine-error';

export interface EspeakLocationOptions {
  /** The espeak-ng program to run; when set and absent, nothing else is tried. */
  espeakPath?: string | undefined;
  /** A copy shipped beside the app, tried after `espeakPath` and `TALEMO_ESPEAK`. */
  shippedEspeakPath?: string | undefined;
  /** The folder holding `espeak-ng-data`, for a shipped copy that does not find its own. */
  espeakDataPath?: string | undefined;
}

export interface EspeakProgram {
  path: string;
  /** Passed as `--path` when set. */
  dataPath: string | undefined;
  /** As `--version` prints it, e.g. `1.51`. */
  version: string;
}

export const INSTALL_HINT =
  'install it (Debian/Ubuntu: apt install espeak-ng; Fedora: dnf install espeak-ng; macOS: brew install espeak-ng; ' +
  'Windows: the espeak-ng .msi from github.com/espeak-ng/espeak-ng/releases), or set TALEMO_ESPEAK to the program';

const PROGRAM_NAME = process.platform === 'win32' ? 'espeak-ng.exe' : 'espeak-ng';

/** Folders where installers put espeak-ng, for when PATH misses them. */
function usualFolders(): string[] {
  if (process.platform === 'win32') {
    const programFiles = [process.env.ProgramFiles, process.env['ProgramFiles(x86)']].filter(
      (folder): folder is string => Boolean(folder),
    );
    return programFiles.map((folder) => join(folder, 'eSpeak NG'));
  }
  return ['/opt/homebrew/bin', '/usr/local/bin', '/usr/bin'];
}

function isProgram(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(): string | undefined {
  const folders = (process.env.PATH ?? '').split(delimiter).filter((folder) => folder !== '');
  for (const folder of [...folders, ...usualFolders()]) {
    const candidate = join(folder, PROGRAM_NAME);
    if (isProgram(candidate)) return candidate;
  }
  return undefined;
}

/** The program to run, by the order above, or a `not-installed` error saying what to do. */
export function findEspeakPath(options: EspeakLocationOptions = {}): string {
  const named: Array<[string | undefined, string]> = [
    [options.espeakPath, 'the espeakPath setting'],
    [process.env.TALEMO_ESPEAK, 'TALEMO_ESPEAK'],
  ];
  for (const [path, where] of named) {
    if (!path) continue;
    if (isProgram(path)) return path;
    throw new SpeechEngineError(
      'not-installed',
      `espeak-ng is not installed at ${path} (from ${where}): ${INSTALL_HINT}`,
    );
  }
  if (options.shippedEspeakPath && isProgram(options.shippedEspeakPath)) return options.shippedEspeakPath;
  const found = onPath();
  if (found) return found;
  const shipped = options.shippedEspeakPath ? ` (nor at ${options.shippedEspeakPath})` : '';
  throw new SpeechEngineError(
    'not-installed',
    `espeak-ng is not installed: it is not on PATH${shipped}; ${INSTALL_HINT}`,
  );
}

const versions = new Map<string, Promise<string>>();

/** Finds the program and reads its version (once per program file and modification time). */
export async function locateEspeak(options: EspeakLocationOptions = {}): Promise<EspeakProgram> {
  const path = findEspeakPath(options);
  const dataPath = options.espeakDataPath ?? process.env.TALEMO_ESPEAK_DATA ?? undefined;
  const key = `${path}\n${statSync(path).mtimeMs}\n${dataPath ?? ''}`;
  let version = versions.get(key);
  if (!version) {
    version = readVersion(path, dataPath);
    versions.set(key, version);
    version.catch(() => versions.delete(key));
  }
  return { path, dataPath, version: await version };
}

async function readVersion(path: string, dataPath: string | undefined): Promise<string> {
  const { stdout } = await runEspeak({ path, dataPath, version: '' }, ['--version'], {});
  const match = /text-to-speech:\s*(\S+)/.exec(stdout.toString('utf8'));
  if (!match?.[1])
    throw new SpeechEngineError(
      'engine-failed',
      `${path} does not answer --version like espeak-ng: ${stdout.toString('utf8').slice(0, 200)}`,
    );
  return match[1];
}

export interface RunOptions {
  /** Written to the program's stdin, then stdin is closed. */
  input?: string;
  /** Where stdout goes; by default it is collected and returned. */
  stdout?: Writable;
  signal?: AbortSignal | undefined;
}

const MAX_STDERR_BYTES = 16 * 1024;

/**
 * Runs espeak-ng with `args` (no shell). Resolves with what it printed when it exits with 0;
 * rejects with a `SpeechEngineError` carrying its stderr otherwise, or with the signal's reason
 * when `signal` aborts (the program is killed).
 */
export function runEspeak(
  program: EspeakProgram,
  args: string[],
  options: RunOptions,
): Promise<{ stdout: Buffer; stderr: string }> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const fullArgs = program.dataPath ? [`--path=${program.dataPath}`, ...args] : args;
  return new Promise((resolve, reject) => {
    const child = spawn(program.path, fullArgs, {
      shell: false,
      windowsHide: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    let settled = false;
    const finish = (error: unknown, value?: { stdout: Buffer; stderr: string }): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(value!);
      else reject(error);
    };
    const onAbort = (): void => {
      child.kill('SIGKILL');
      finish(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (options.stdout) {
      child.stdout.pipe(options.stdout);
      // A file that cannot be written (disk full) would leave the program blocked on its output.
      options.stdout.once('error', (error) => {
        child.kill('SIGKILL');
        finish(error);
      });
    } else child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR_BYTES) stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code === 'ENOENT' || error.code === 'EACCES' ? 'not-installed' : 'engine-failed';
      finish(
        new SpeechEngineError(code, `espeak-ng could not be started (${program.path}): ${error.message}`, {
          cause: error,
        }),
      );
    });
    // A program that exits early (a bad voice) closes its stdin: that is reported by 'close'.
    child.stdin.on('error', () => undefined);
    child.on('close', (code, killedBy) => {
      const words = stderr.trim();
      if (code === 0) return finish(undefined, { stdout: Buffer.concat(stdout), stderr: words });
      const unknownVoice = /voice does not exist|failed to read voice/i.test(words);
      finish(
        new SpeechEngineError(
          unknownVoice ? 'unknown-voice' : 'engine-failed',
          `espeak-ng failed (${code === null ? `killed by ${killedBy}` : `exit code ${code}`})` +
            (words ? `: ${words}` : ''),
        ),
      );
    });
    child.stdin.end(options.input ?? '', 'utf8');
  });
}
