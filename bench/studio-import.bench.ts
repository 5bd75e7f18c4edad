/**
 * Importing a 200-node, 100 MB STUdio pack, against a plain unzip of the same file measured
 * in the same run. The import does more than unzip (hash, sniff, check every reference,
 * index), so the ratio says what that care costs.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { STORY_CONTROLS, type ActionNode, type StageNode } from '../device-bridge/pack/story-graph';
import { TalemoCore } from '../desktop/core/talemo-core';
import type { BenchResult } from './bench-result';

const NODES = 200;
const PACK_BYTES = 100 * 1024 * 1024;

/** Random bytes behind an MPEG-1 Layer III frame header: incompressible, like real MP3. */
function fakeMp3(size: number): Uint8Array {
  const bytes = randomBytes(size);
  bytes.set([0xff, 0xfb, 0x90, 0x64], 0);
  return bytes;
}

async function buildPack(workDir: string): Promise<string> {
  const core = await TalemoCore.open(join(workDir, 'source-library'));
  const stages: StageNode[] = [];
  const actions: ActionNode[] = [];
  for (let i = 0; i < NODES; i += 1) {
    const audio = await core.library.assets.putBytes(fakeMp3(Math.floor(PACK_BYTES / NODES)), 'audio/mpeg');
    const last = i === NODES - 1;
    stages.push({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `Node ${i}`,
      text: `Page ${i} of the benchmark story.`,
      image: null,
      audio: { hash: audio.hash, mime: 'audio/mpeg' },
      controls: STORY_CONTROLS,
      ok: last ? null : { action: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`, optionIndex: 0 },
      home: null,
      end: last,
    });
    if (!last) {
      actions.push({
        id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        name: '',
        options: [`00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`],
      });
    }
  }
  const story = core.create({ title: 'Benchmark pack', graph: { coverId: stages[0]!.id, stages, actions } });
  const zip = join(workDir, 'pack.zip');
  await core.exportStudioToFile(story.id, zip);
  core.close();
  return zip;
}

function timed<T>(run: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

async function timedAsync<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export async function benchStudioImport(): Promise<BenchResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'talemo-bench-'));
  try {
    const zip = await buildPack(workDir);
    const size = statSync(zip).size;
    const runs = 3;
    let bestUnzip = Infinity;
    let bestImport = Infinity;
    for (let run = 0; run < runs; run += 1) {
      const target = join(workDir, `unzipped-${run}`);
      const unzip = timed(() => spawnSync('unzip', ['-q', zip, '-d', target]));
      if (unzip.value.error || unzip.value.status !== 0)
        throw new Error('the `unzip` program is needed (apt install unzip)');
      bestUnzip = Math.min(bestUnzip, unzip.ms);
      const core = await TalemoCore.open(join(workDir, `import-${run}`));
      const imported = await timedAsync(() => core.importStudio({ path: zip }));
      core.close();
      if (imported.value.story.nodeCount !== NODES * 2 - 1) throw new Error('the import lost nodes');
      bestImport = Math.min(bestImport, imported.ms);
    }
    return {
      name: `STUdio import, ${NODES} nodes, ${(size / 1048576).toFixed(0)} MB`,
      baseline: 'unzip -q of the same file (Info-ZIP, native)',
      ms: bestImport,
      baselineMs: bestUnzip,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
