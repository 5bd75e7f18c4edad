/**
 * The process the fault-injection harness kills: it runs a sequence of box operations with
 * the real transfer code. TALEMO_FAULT_* variables (../fault-point.ts) make it die with
 * SIGKILL at a chosen step, or half-way through a chosen file, as a pulled cable would.
 *
 * Usage: node child.mjs '<ChildSpec as JSON>'
 */
import { readPackIndex } from '../../devices/pack-index-file';
import { setNightMode } from '../night-mode';
import { hidePack, unhidePack } from '../pack-hide';
import { installPacks, type PackSource } from '../pack-install';
import { removePacks } from '../pack-remove';
import { reorderPacks } from '../pack-reorder';

export type ChildOp =
  | { kind: 'install'; packs: PackSource[] }
  | { kind: 'remove'; uuids: string[] }
  /** Reverse the play order, whatever it is when the step runs. */
  | { kind: 'reverse' }
  | { kind: 'hide'; uuid: string }
  | { kind: 'unhide'; uuid: string }
  | { kind: 'night'; uuid: string; on: boolean };

export interface ChildSpec {
  root: string;
  dataDir: string;
  ops: ChildOp[];
}

async function run(spec: ChildSpec): Promise<void> {
  const options = { dataDir: spec.dataDir };
  for (const op of spec.ops) {
    switch (op.kind) {
      case 'install':
        await installPacks(spec.root, op.packs, options);
        break;
      case 'remove':
        await removePacks(spec.root, op.uuids, options);
        break;
      case 'reverse':
        await reorderPacks(spec.root, (await readPackIndex(spec.root, false)).reverse(), options);
        break;
      case 'hide':
        await hidePack(spec.root, op.uuid, options);
        break;
      case 'unhide':
        await unhidePack(spec.root, op.uuid, options);
        break;
      case 'night':
        await setNightMode(spec.root, op.uuid, op.on, options);
        break;
    }
  }
}

const raw = process.argv[2];
if (raw) {
  run(JSON.parse(raw) as ChildSpec).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(3);
    },
  );
}
