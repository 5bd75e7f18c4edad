/**
 * Pulls the cable at hundreds of points: a child process runs install / remove / reorder /
 * hide / night-mode sequences on a fake box with real compiled packs and is SIGKILLed at a
 * step chosen by a seeded PRNG (or dies half-way through writing a file, as a power cut
 * would). After each crash, repair must leave a box whose lists parse, whose listed packs are
 * whole and valid, with no leftovers, and which takes the same packs again.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LuniiKeys } from '../../formats/lunii/lunii-keys';
import { installPacks, type PackSource } from '../pack-install';
import { compileTestPacks, makeTestBox, type TestPack } from '../test-lunii-packs';
import { prepareChildRunner } from './child-runner';
import { measureScenario, runTrial, type Fault, type Scenario, type TrialSetup } from './fault-trials';
import { pick, seededRandom } from './seeded-random';

const SEED = 0x7a1e;
const KILL_TRIALS = 200;
const CUT_TRIALS = 40;
const RESUME_TRIALS = 16;
const PARALLEL = 2;

let work: string;
let setup: TrialSetup;
let scenarios: { scenario: Scenario; steps: number; files: number }[];

beforeAll(async () => {
  // Why /dev/shm when there: hundreds of trials, each with dozens of fsyncs; the crash points
  // are the same on any filesystem, since SIGKILL does not drop the page cache.
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  work = await mkdtemp(join(base, 'talemo-faults-'));
  const template = join(work, 'template');
  const box = await makeTestBox(template);
  const keys: LuniiKeys = box.metadata.keys;
  const packs = await compileTestPacks(join(work, 'packs'), keys, 4);
  const [p1, p2, p3, p4] = packs.map((pack: TestPack): PackSource => ({ uuid: pack.uuid, sourceDir: pack.sourceDir })) as [
    PackSource,
    PackSource,
    PackSource,
    PackSource,
  ];
  await installPacks(template, [p1, p2], { dataDir: join(work, 'template-data') });
  const runner = await prepareChildRunner(work);
  setup = { runner, template, keys, sources: new Map(packs.map((pack) => [pack.uuid, pack.sourceDir])), workDir: work };
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
      name: 'install-remove-reorder',
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
  scenarios = [];
  for (const scenario of list) scenarios.push({ scenario, ...(await measureScenario(setup, scenario)) });
}, 60_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

interface Planned {
  id: number;
  scenario: Scenario;
  fault: Fault;
  recovery: 'repair' | 'resume';
}

function plan(): Planned[] {
  const random = seededRandom(SEED);
  const trials: Planned[] = [];
  for (let i = 0; i < KILL_TRIALS; i += 1) {
    const chosen = scenarios[i % scenarios.length]!;
    trials.push({ id: trials.length, scenario: chosen.scenario, fault: { kind: 'kill', step: pick(random, 1, chosen.steps) }, recovery: 'repair' });
  }
  const copying = scenarios.filter((entry) => entry.files > 0);
  for (let i = 0; i < CUT_TRIALS; i += 1) {
    const chosen = copying[i % copying.length]!;
    trials.push({ id: trials.length, scenario: chosen.scenario, fault: { kind: 'cut', file: pick(random, 1, chosen.files) }, recovery: 'repair' });
  }
  const install = scenarios[0]!;
  for (let i = 0; i < RESUME_TRIALS; i += 1) {
    trials.push({ id: trials.length, scenario: install.scenario, fault: { kind: 'kill', step: pick(random, 1, install.steps) }, recovery: 'resume' });
  }
  return trials;
}

async function runAll(trials: Planned[]): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < trials.length) {
      const trial = trials[next++]!;
      const outcome = await runTrial(setup, trial.scenario, trial.fault, trial.id, trial.recovery);
      for (const problem of outcome.problems) {
        failures.push(`trial ${trial.id} (${trial.scenario.name}, ${JSON.stringify(trial.fault)}, ${trial.recovery}): ${problem}`);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return failures;
}

describe('fault injection', () => {
  it('every scenario has crash points to choose from', () => {
    for (const entry of scenarios) expect(entry.steps, entry.scenario.name).toBeGreaterThan(5);
    expect(scenarios[0]!.files).toBeGreaterThan(5);
  });

  it(`survives ${KILL_TRIALS} kills, ${CUT_TRIALS} half-written files and ${RESUME_TRIALS} resumed installs`, async () => {
    const trials = plan();
    expect(trials.length).toBeGreaterThanOrEqual(200);
    const failures = await runAll(trials);
    expect(failures).toEqual([]);
  }, 300_000);
});
