/**
 * The other two faults: a power cut half-way through writing a file (the child writes half
 * of the Nth file, flushes it and dies), and an install killed mid-way then resumed with the
 * same sources (`resumeInterrupted`), which must finish every pack.
 */
import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  prepareFaultSetup,
  runTrials,
  type MeasuredScenario,
  type PlannedTrial,
  type TrialSetup,
} from './fault-trials';
import { pick, seededRandom } from './seeded-random';

const SEED = 0x5eed;
const CUT_TRIALS = 40;
const RESUME_TRIALS = 20;

let setup: TrialSetup;
let scenarios: MeasuredScenario[];

beforeAll(async () => {
  ({ setup, scenarios } = await prepareFaultSetup());
}, 60_000);

afterAll(async () => {
  if (setup) await rm(setup.workDir, { recursive: true, force: true });
});

describe('fault injection: torn files and resumed installs', () => {
  it(`leaves a sound box after each of ${CUT_TRIALS} half-written files and a repair`, async () => {
    const random = seededRandom(SEED);
    const copying = scenarios.filter((entry) => entry.files > 0);
    const trials: PlannedTrial[] = Array.from({ length: CUT_TRIALS }, (_, id) => {
      const chosen = copying[id % copying.length]!;
      return {
        id,
        scenario: chosen.scenario,
        fault: { kind: 'cut', file: pick(random, 1, chosen.files) },
        recovery: 'repair',
      };
    });
    expect(await runTrials(setup, trials)).toEqual([]);
  }, 300_000);

  it(`finishes an install killed mid-way when resumed (${RESUME_TRIALS} kill points)`, async () => {
    const random = seededRandom(SEED + 1);
    const install = scenarios[0]!;
    const trials: PlannedTrial[] = Array.from({ length: RESUME_TRIALS }, (_, id) => ({
      id: 1000 + id,
      scenario: install.scenario,
      fault: { kind: 'kill', step: pick(random, 1, install.steps) },
      recovery: 'resume',
    }));
    expect(await runTrials(setup, trials)).toEqual([]);
  }, 300_000);
});
