import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { copyFileHashed, hashFile } from './durable-file';
const base = process.argv[2]!;
await rm(base, { recursive: true, force: true });
await mkdir(join(base, 'src'), { recursive: true });
for (let i = 0; i < 200; i++) await writeFile(join(base, 'src', `f${i}`), randomBytes(500_000));
const names = await readdir(join(base, 'src'));
async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<unknown>) { let i = 0; await Promise.all(Array.from({ length: n }, async () => { while (i < items.length) await fn(items[i++]!); })); }
for (const c of [1, 2, 4, 8]) {
  await mkdir(join(base, `d${c}`));
  let t = performance.now();
  await pool(names, c, (n) => copyFileHashed(join(base, 'src', n), join(base, `d${c}`, n)));
  const a = performance.now() - t; t = performance.now();
  await pool(names, c, (n) => hashFile(join(base, `d${c}`, n)));
  console.log('conc', c, 'copyHashed', a.toFixed(0), 'hashFile', (performance.now() - t).toFixed(0));
}
await rm(base, { recursive: true, force: true });
