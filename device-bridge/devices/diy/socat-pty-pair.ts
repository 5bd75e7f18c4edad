/**
 * Two linked pseudo-terminals made by socat, for tests: what is written to one comes out of
 * the other, and both are real serial devices to `serialport` (termios, baud rate, locks).
 * The fake PN532 listens on one end while the real driver opens the other.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface SocatPtyPair {
  /** The end the code under test opens. */
  hostPath: string;
  /** The end the fake device opens. */
  devicePath: string;
  close(): Promise<void>;
}

let socatChecked: boolean | undefined;

/** Whether the socat program can be run here. */
export function socatInstalled(): boolean {
  socatChecked ??= spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
  return socatChecked;
}

/** Starts `socat -d -d pty,raw,echo=0,link=<dir>/ptyA pty,raw,echo=0,link=<dir>/ptyB`. */
export async function startSocatPtyPair(dir: string, timeoutMs = 5000): Promise<SocatPtyPair> {
  const hostPath = join(dir, 'ptyA');
  const devicePath = join(dir, 'ptyB');
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `socat exited (${signal ?? code}): ${stderr.trim()}`;
  });
  child.once('error', (error) => {
    exited = `socat could not start: ${error.message}`;
  });
  const deadline = Date.now() + timeoutMs;
  // Why "-d -d" and polling the links: socat logs the pty names and creates the links only
  // once both ends are open; before that an open() on the link fails with ENOENT.
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (exited !== null) throw new Error(exited);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`socat made no pseudo-terminals within ${timeoutMs} ms: ${stderr.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { hostPath, devicePath, close: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await gone;
}
