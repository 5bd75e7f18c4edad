import { randomBytes, createHash } from 'node:crypto';
import { mkdir, rm, writeFile, readdir, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyFileHashed, hashFile } from './durable-file';
const base = '/dev/shm/talemo-prof';
await rm(base, { recursive: true, force: true });
await mkdir(join(base, 'src'), { recursive: true });
for (let i = 0; i < 200; i++) await writeFile(join(base, 'src', `f${i}`), randomBytes(500_000));
const names = await readdir(join(base, 'src'));
for (let r = 0; r < 2; r++) {
  await mkdir(join(base, `d${r}`));
  let t = performance.now();
  for (const n of names) await copyFileHashed(join(base, 'src', n), join(base, `d${r}`, n));
  console.log('copyHashed', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (const n of names) await hashFile(join(base, `d${r}`, n));
  console.log('hashFile', (performance.now() - t).toFixed(0));
  await mkdir(join(base, `e${r}`));
  t = performance.now();
  for (const n of names) await copyFile(join(base, 'src', n), join(base, `e${r}`, n));
  console.log('copyFile', (performance.now() - t).toFixed(0));
  const buf = randomBytes(100_000_000);
  t = performance.now();
  createHash('sha256').update(buf).digest('hex');
  console.log('sha256 100MB', (performance.now() - t).toFixed(0));
}
await rm(base, { recursive: true, force: true });
