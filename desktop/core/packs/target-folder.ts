/**
 * One box's output folder, written whole or not at all: everything goes into
 * `<out>/.<target>.part`, which replaces `<out>/<target>` only once complete. A failed or
 * cancelled build leaves the previous folder (if any) as it was, and no `.part` behind.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export async function writeTargetFolder<T>(
  outDir: string,
  name: string,
  build: (partDir: string) => Promise<T>,
): Promise<{ folder: string; result: T }> {
  const part = join(outDir, `.${name}.part`);
  const folder = join(outDir, name);
  // A .part folder is ours, left by a crash: never something to keep.
  await rm(part, { recursive: true, force: true });
  await mkdir(part, { recursive: true });
  let result: T;
  try {
    result = await build(part);
  } catch (error) {
    await rm(part, { recursive: true, force: true });
    throw error;
  }
  const old = join(outDir, `.${name}.old-${randomBytes(4).toString('hex')}`);
  const hadOld = existsSync(folder);
  if (hadOld) await rename(folder, old);
  try {
    await rename(part, folder);
  } catch (error) {
    if (hadOld) await rename(old, folder).catch(() => undefined);
    await rm(part, { recursive: true, force: true });
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
  return { folder, result };
}
