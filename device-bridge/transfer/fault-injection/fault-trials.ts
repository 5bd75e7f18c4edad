/**
 * One fault-injection trial: a fresh copy of a prepared box, a child process running a
 * sequence of operations that dies at a chosen step (or half-way through a chosen file), then
 * repair (or resume), the invariants, and a fresh install of every pack the sequence touched.
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { LuniiKeys } from '../../formats/lunii/lunii-keys';
import { repairBox } from '../box-repair';
import { installPacks, resumeInterrupted, type PackSource } from '../pack-install';
import { removePacks } from '../pack-remove';
import type { ChildOp } from './child';
import type { ChildRunner } from './child-runner';
import { checkBoxInvariants } from './box-invariants';

export interface Scenario {
  name: string;
  ops: ChildOp[];
  /** Packs to install afresh after the crash, to show the box still takes them. */
  touched: PackSource[];
}

export interface TrialSetup {
  runner: ChildRunner;
  template: string;
  keys: LuniiKeys;
  /** uuid → compiled source folder. */
  sources: ReadonlyMap<string, string>;
  workDir: string;
}

export type Fault = { kind: 'kill'; step: number } | { kind: 'cut'; file: number };

export interface TrialOutcome {
  problems: string[];
  /** What repair reported, for the log. */
  repairActions: string[];
}

/** Runs the scenario once without faults and counts its crash points and copied files. */
export async function measureScenario(setup: TrialSetup, scenario: Scenario): Promise<{ steps: number; files: number }> {
  const dir = join(setup.workDir, `measure-${scenario.name}`);
  const root = join(dir, 'box');
  await cp(setup.template, root, { recursive: true });
  const exit = await setup.runner.run({ root, dataDir: join(dir, 'data'), ops: scenario.ops }, { TALEMO_FAULT_COUNT: '1' });
  await rm(dir, { recursive: true, force: true });
  if (exit.code !== 0) throw new Error(`scenario ${scenario.name} fails without faults: ${exit.stderr}`);
  const lines = exit.stderr.split('\n').filter((line) => line.startsWith('fault-point '));
  return { steps: lines.length, files: lines.filter((line) => line.endsWith(' file-copied')).length };
}

export async function runTrial(
  setup: TrialSetup,
  scenario: Scenario,
  fault: Fault,
  id: number,
  recovery: 'repair' | 'resume',
): Promise<TrialOutcome> {
  const dir = join(setup.workDir, `trial-${id}`);
  const root = join(dir, 'box');
  const dataDir = join(dir, 'data');
  await mkdir(dir, { recursive: true });
  await cp(setup.template, root, { recursive: true });
  const problems: string[] = [];
  let repairActions: string[] = [];
  try {
    const env: Record<string, string> =
      fault.kind === 'kill' ? { TALEMO_FAULT_KILL_AT: String(fault.step) } : { TALEMO_FAULT_CUT_FILE: String(fault.file) };
    const exit = await setup.runner.run({ root, dataDir, ops: scenario.ops }, env);
    if (exit.signal !== 'SIGKILL') problems.push(`the child was not killed (exit ${exit.code}): ${exit.stderr.slice(-400)}`);

    if (recovery === 'resume') {
      const install = scenario.ops.find((op) => op.kind === 'install');
      await resumeInterrupted(root, { dataDir, sources: install?.kind === 'install' ? install.packs : [] });
    }
    repairActions = (await repairBox(root, { dataDir })).actions;
    const after = await checkBoxInvariants(root, setup.keys, setup.sources);
    problems.push(...after.problems.map((problem) => `after repair: ${problem}`));

    for (const pack of scenario.touched) {
      const listed = [...after.lists.visible, ...after.lists.hidden].includes(pack.uuid);
      if (listed) await removePacks(root, [pack.uuid], { dataDir });
      await installPacks(root, [pack], { dataDir });
    }
    const final = await checkBoxInvariants(root, setup.keys, setup.sources);
    problems.push(...final.problems.map((problem) => `after reinstall: ${problem}`));
    for (const pack of scenario.touched) {
      if (!final.lists.visible.includes(pack.uuid)) problems.push(`reinstalled ${pack.uuid} is not listed`);
    }
  } catch (error) {
    problems.push(`threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { problems, repairActions };
}
