/**
 * One fault-injection trial: a fresh copy of a prepared box, a child process running a
 * sequence of operations that dies at a chosen step (or half-way through a chosen file), then
 * repair (or resume), the invariants, and a fresh install of every pack the sequence touched.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { JOURNAL_FILE } from '../../devices/lunii-layout';
import type { LuniiKeys } from '../../formats/lunii/lunii-keys';
import { repairBox } from '../box-repair';
import { installPacks, resumeInterrupted, type PackSource } from '../pack-install';
import { removePacks } from '../pack-remove';
import { compileTestPacks, makeTestBox } from '../test-lunii-packs';
import type { ChildOp } from './child';
import { prepareChildRunner, type ChildRunner } from './child-runner';
import { checkBoxInvariants } from './box-invariants';

export interface Scenario {
  name: string;
  ops: ChildOp[];
  /** Packs to install afresh after the crash, to show the box still takes them. */
  touched: PackSource[];
}

export interface MeasuredScenario {
  scenario: Scenario;
  /** Crash points in a run without faults. */
  steps: number;
  /** Files copied in a run without faults. */
  files: number;
}

/**
 * A box with two packs installed (the template every trial copies), two more packs ready,
 * the child runner, and four operation sequences measured.
 */
export async function prepareFaultSetup(): Promise<{ setup: TrialSetup; scenarios: MeasuredScenario[] }> {
  // Why /dev/shm when there: hundreds of trials, each with dozens of fsyncs; the crash points
  // are the same on any filesystem, since SIGKILL does not drop the page cache.
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const workDir = await mkdtemp(join(base, 'talemo-faults-'));
  const template = join(workDir, 'template');
  const box = await makeTestBox(template);
  const keys = box.metadata.keys;
  const packs = await compileTestPacks(join(workDir, 'packs'), keys, 4);
  const [p1, p2, p3, p4] = packs.map((pack): PackSource => ({
    uuid: pack.uuid,
    sourceDir: pack.sourceDir,
  })) as [PackSource, PackSource, PackSource, PackSource];
  await installPacks(template, [p1, p2], { dataDir: join(workDir, 'template-data') });
  const runner = await prepareChildRunner(workDir);
  const setup: TrialSetup = {
    runner,
    template,
    keys,
    sources: new Map(packs.map((pack) => [pack.uuid, pack.sourceDir])),
    workDir,
  };
  const list: Scenario[] = [
    { name: 'install-two', ops: [{ kind: 'install', packs: [p3, p4] }], touched: [p3, p4] },
    {
      name: 'remove-then-install',
      ops: [
        { kind: 'remove', uuids: [p1.uuid] },
        { kind: 'install', packs: [p3] },
      ],
      touched: [p1, p3],
    },
    {
      name: 'reorder-hide-show-night',
      ops: [
        { kind: 'reverse' },
        { kind: 'hide', uuid: p2.uuid },
        { kind: 'unhide', uuid: p2.uuid },
        { kind: 'night', uuid: p1.uuid, on: true },
      ],
      touched: [p2],
    },
    {
      name: 'install-remove-hide-reorder',
      ops: [
        { kind: 'install', packs: [p3] },
        { kind: 'remove', uuids: [p2.uuid, p3.uuid] },
        { kind: 'hide', uuid: p1.uuid },
        { kind: 'install', packs: [p4] },
        { kind: 'reverse' },
      ],
      touched: [p2, p3, p4],
    },
  ];
  const scenarios: MeasuredScenario[] = [];
  for (const scenario of list) scenarios.push({ scenario, ...(await measureScenario(setup, scenario)) });
  return { setup, scenarios };
}

export interface PlannedTrial {
  id: number;
  scenario: Scenario;
  fault: Fault;
  recovery: 'repair' | 'resume';
}

/** Runs trials two at a time (two cores); returns every problem found, named by trial. */
export async function runTrials(
  setup: TrialSetup,
  trials: readonly PlannedTrial[],
  parallel = 2,
): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < trials.length) {
      const trial = trials[next++]!;
      const outcome = await runTrial(setup, trial.scenario, trial.fault, trial.id, trial.recovery);
      for (const problem of outcome.problems) {
        failures.push(
          `trial ${trial.id} (${trial.scenario.name}, ${JSON.stringify(trial.fault)}, ${trial.recovery}): ${problem}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return failures;
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
export async function measureScenario(
  setup: TrialSetup,
  scenario: Scenario,
): Promise<{ steps: number; files: number }> {
  const dir = join(setup.workDir, `measure-${scenario.name}`);
  const root = join(dir, 'box');
  await cp(setup.template, root, { recursive: true });
  const exit = await setup.runner.run(
    { root, dataDir: join(dir, 'data'), ops: scenario.ops },
    { TALEMO_FAULT_COUNT: '1' },
  );
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
      fault.kind === 'kill'
        ? { TALEMO_FAULT_KILL_AT: String(fault.step) }
        : { TALEMO_FAULT_CUT_FILE: String(fault.file) };
    const exit = await setup.runner.run({ root, dataDir, ops: scenario.ops }, env);
    if (exit.signal !== 'SIGKILL')
      problems.push(`the child was not killed (exit ${exit.code}): ${exit.stderr.slice(-400)}`);

    if (recovery === 'resume') {
      const install = scenario.ops.find((op) => op.kind === 'install');
      const packs = install?.kind === 'install' ? install.packs : [];
      const started = existsSync(join(root, JOURNAL_FILE));
      await resumeInterrupted(root, { dataDir, sources: packs });
      const listed = (await checkBoxInvariants(root, setup.keys, setup.sources)).lists.visible;
      // Once the journal was written, resuming must finish every pack of the install.
      const missing = started ? packs.filter((pack) => !listed.includes(pack.uuid)) : [];
      if (missing.length > 0) problems.push(`resume left out ${missing.map((pack) => pack.uuid).join(', ')}`);
    }
    repairActions = (await repairBox(root, { dataDir })).actions.map((action) => action.text);
    const after = await checkBoxInvariants(root, setup.keys, setup.sources);
    problems.push(...after.problems.map((problem) => `after repair: ${problem}`));

    // One touched pack per trial (they take turns across trials): removed if listed, then installed.
    const pack = scenario.touched[id % scenario.touched.length]!;
    if ([...after.lists.visible, ...after.lists.hidden].includes(pack.uuid)) {
      await removePacks(root, [pack.uuid], { dataDir });
    }
    await installPacks(root, [pack], { dataDir });
    const final = await checkBoxInvariants(root, setup.keys, setup.sources);
    problems.push(...final.problems.map((problem) => `after reinstall: ${problem}`));
    if (!final.lists.visible.includes(pack.uuid)) problems.push(`reinstalled ${pack.uuid} is not listed`);
  } catch (error) {
    problems.push(`threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { problems, repairActions };
}
