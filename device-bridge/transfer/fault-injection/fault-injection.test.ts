/**
 * Pulls the cable at 200 points: a child process runs install / remove / reorder / hide /
 * night-mode sequences on a fake box with real compiled packs and is SIGKILLed at a step
 * chosen by a seeded PRNG. After each crash, repair must leave a box whose lists parse, whose
 * listed packs are whole and valid, with no leftovers, and which takes the packs again.
 * (Half-written files and resumed installs: fault-injection-cut.test.ts.)
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

const SEED = 0x7a1e;
const KILL_TRIALS = 200;

let setup: TrialSetup;
let scenarios: MeasuredScenario[];

beforeAll(async () => {
  ({ setup, scenarios } = await prepareFaultSetup());
}, 60_000);

afterAll(async () => {
  if (setup) await rm(setup.workDir, { recursive: true, force: true });
});

describe('fault injection: SIGKILL at a random step', () => {
  it('every sequence has crash points to choose from', () => {
    for (const entry of scenarios) expect(entry.steps, entry.scenario.name).toBeGreaterThan(5);
    expect(scenarios[0]!.files).toBeGreaterThan(5);
  });

  it(`leaves a sound box after each of ${KILL_TRIALS} kills and a repair`, async () => {
    const random = seededRandom(SEED);
    const trials: PlannedTrial[] = Array.from({ length: KILL_TRIALS }, (_, id) => {
      const chosen = scenarios[id % scenarios.length]!;
      return {
        id,
        scenario: chosen.scenario,
        fault: { kind: 'kill', step: pick(random, 1, chosen.steps) },
        recovery: 'repair',
      };
    });
    expect(await runTrials(setup, trials)).toEqual([]);
  }, 300_000);
});
