/**
 * Real small volumes for tests that need a full disk or a read-only one: a size-capped tmpfs
 * and a read-only bind mount. Both need root and a kernel that lets this process mount (true
 * on our CI and dev containers, not in every sandbox); when mounting is refused the helper
 * says why, and the test falls back to a simulation it names.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';

export type Mounted = { ok: true; unmount: () => Promise<void> } | { ok: false; reason: string };

export async function mountTmpfs(dir: string, bytes: number): Promise<Mounted> {
  await mkdir(dir, { recursive: true });
  return mountWith(['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], dir);
}

/** `dir` itself, mounted again on top of itself read-only: writes fail with EROFS. */
export async function bindReadOnly(dir: string): Promise<Mounted> {
  const bound = await mountWith(['--bind', dir, dir], dir);
  if (!bound.ok) return bound;
  const remount = await run(['-o', 'remount,ro,bind', dir]);
  if (remount) {
    await bound.unmount();
    return { ok: false, reason: remount };
  }
  return bound;
}

async function mountWith(args: string[], dir: string): Promise<Mounted> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    return { ok: false, reason: 'mounting needs root on Linux' };
  }
  const failure = await run(args);
  if (failure) return { ok: false, reason: failure };
  return { ok: true, unmount: async () => void (await runCommand('umount', [dir])) };
}

function run(args: string[]): Promise<string | undefined> {
  return runCommand('mount', args);
}

function runCommand(command: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, (error, _stdout, stderr) =>
      resolve(error ? `${command} refused: ${stderr.trim() || error.message}` : undefined),
    );
  });
}
