/**
 * Installing a compiled 100 MB Lunii pack into a device folder on the same disk, everything the
 * safe transfer does included (temporary folder, flush, read-back hash check, rename, the pack
 * index replaced durably), against `cp -r` of the same files followed by `sync`, measured in
 * the same run. The goal (issue 6) is at least 0.9 of the copy's speed: a ratio ≤ 1.11 here.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { makeFakeLuniiDevice } from '../device-bridge/formats/lunii/fake-lunii-device';
import { installPacks } from '../device-bridge/transfer/pack-install';
import type { BenchResult } from './bench-result';

const PACK_BYTES = 100 * 1024 * 1024;
const SOUNDS = 120;
const IMAGES = 40;
const RUNS = 3;

/** A pack folder shaped like a compiled one: index files, 4-bit BMP-sized images, MP3-sized sounds. */
function buildPackFolder(dir: string): void {
  mkdirSync(join(dir, 'rf', '000'), { recursive: true });
  mkdirSync(join(dir, 'sf', '000'), { recursive: true });
  for (const name of ['ni', 'li', 'ri', 'si', 'bt']) writeFileSync(join(dir, name), randomBytes(512));
  for (let i = 0; i < IMAGES; i += 1) writeFileSync(join(dir, 'rf', '000', name8(i)), randomBytes(38_518));
  const soundBytes = Math.floor((PACK_BYTES - IMAGES * 38_518) / SOUNDS);
  for (let i = 0; i < SOUNDS; i += 1)
    writeFileSync(join(dir, 'sf', '000', name8(i)), randomBytes(soundBytes));
}

function name8(index: number): string {
  return index.toString(16).toUpperCase().padStart(8, '0');
}

async function timed(run: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function benchLuniiInstall(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'talemo-bench-lunii-'));
  try {
    const source = join(work, 'pack');
    buildPackFolder(source);
    let best = Infinity;
    let baseline = Infinity;
    for (let run = 0; run < RUNS; run += 1) {
      const copyTarget = join(work, `copy-${run}`);
      baseline = Math.min(
        baseline,
        await timed(() => {
          const copy = spawnSync('cp', ['-r', source, copyTarget]);
          if (copy.status !== 0) throw new Error(`cp failed: ${copy.stderr.toString()}`);
          spawnSync('sync');
        }),
      );
      rmSync(copyTarget, { recursive: true, force: true });

      const device = join(work, `device-${run}`);
      await makeFakeLuniiDevice(device, { family: 'v2', seed: run });
      const dataDir = join(work, `data-${run}`);
      best = Math.min(
        best,
        await timed(() => installPacks(device, [{ uuid: randomUUID(), sourceDir: source }], { dataDir })),
      );
      rmSync(device, { recursive: true, force: true });
    }
    return {
      name: `Lunii install, 100 MB pack, verified (speed ratio ${(baseline / best).toFixed(2)}, goal ≥ 0.9)`,
      baseline: 'cp -r + sync',
      ms: best,
      baselineMs: baseline,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
