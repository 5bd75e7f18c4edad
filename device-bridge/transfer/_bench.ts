import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTestBox } from './test-lunii-packs';
import { installPacks } from './pack-install';
const base = process.argv[2] ?? '/tmp/talemo-bench';
await rm(base, { recursive: true, force: true });
const src = join(base, 'src', 'EE000099');
await mkdir(join(src, 'sf', '000'), { recursive: true });
await mkdir(join(src, 'rf', '000'), { recursive: true });
for (const f of ['ni', 'li', 'ri', 'si', 'bt']) await writeFile(join(src, f), randomBytes(2000));
let total = 0;
for (let i = 0; i < 200; i++) { const b = randomBytes(i % 10 === 0 ? 1_500_000 : 400_000); total += b.length; await writeFile(join(src, 'sf', '000', i.toString(16).padStart(8, '0')), b); }
for (let i = 0; i < 100; i++) { const b = randomBytes(38_000); total += b.length; await writeFile(join(src, 'rf', '000', i.toString(16).padStart(8, '0')), b); }
console.log('MB', (total / 1e6).toFixed(1), 'files', 305);
execFileSync('sync');
const res: Record<string, number[]> = { cp: [], install: [] };
for (let r = 0; r < 3; r++) {
  const cpRoot = join(base, `cp-${r}`);
  await mkdir(join(cpRoot, '.content'), { recursive: true });
  execFileSync('sync');
  let t = performance.now();
  execFileSync('cp', ['-r', src, join(cpRoot, '.content', 'EE000099')]);
  execFileSync('sync');
  res.cp!.push(performance.now() - t);
  const box = join(base, `box-${r}`);
  await makeTestBox(box);
  execFileSync('sync');
  t = performance.now();
  await installPacks(box, [{ uuid: '7a1e5c00-0000-4000-8000-c0ffee000099', sourceDir: src }], { dataDir: join(base, `data-${r}`) });
  res.install!.push(performance.now() - t);
}
console.log(JSON.stringify(res));
const med = (a: number[]) => [...a].sort((x, y) => x - y)[1]!;
console.log('median cp+sync ms', med(res.cp!).toFixed(0), 'install ms', med(res.install!).toFixed(0), 'ratio (speed install / cp)', (med(res.cp!) / med(res.install!)).toFixed(2));
await rm(base, { recursive: true, force: true });
