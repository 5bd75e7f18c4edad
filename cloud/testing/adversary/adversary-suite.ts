// The adversarial suite, shared by the PGlite and PostgreSQL test files (two files so they run
// in parallel). Seed: CLOUD_ADVERSARY_SEED, or a fixed default so CI is reproducible.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../test-app.js';
import { engineTitle, openTestDatabase, PG_AVAILABLE, type TestDatabase } from '../test-databases.js';
import { runAdversary, type AdversaryReport } from './run-adversary.js';
import { SeededRandom } from './seeded-random.js';
import { seedWorld, type World } from './world.js';

export const ADVERSARY_SEED = Number(process.env.CLOUD_ADVERSARY_SEED ?? 20_240_611);
export const ADVERSARY_REQUESTS = 10_000;

export function adversarySuite(engine: 'pglite' | 'postgres'): void {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(
    `adversarial tenants ${engineTitle(engine)}, seed ${ADVERSARY_SEED}`,
    () => {
      let t: TestDatabase;
      let app: FastifyInstance;
      let world: World;
      let report: AdversaryReport;

      beforeAll(async () => {
        t = await openTestDatabase(engine);
        app = await createTestApp(t.db);
        world = await seedWorld(app, new SeededRandom(ADVERSARY_SEED), 4);
        report = await runAdversary({
          app,
          world,
          seed: ADVERSARY_SEED,
          attackers: [0, 1],
          minRequests: ADVERSARY_REQUESTS,
        });
        const { requests, twinPairs, milliseconds, statuses } = report;
        console.info(
          `[adversary ${engine}] ${requests} requests (${twinPairs} twin pairs) in ${milliseconds} ms; statuses ${JSON.stringify(statuses)}`,
        );
      }, 180_000);
      afterAll(async () => {
        await app?.close();
        await t?.dispose();
      });

      it(`sends at least ${ADVERSARY_REQUESTS} requests across every attack surface and credential`, () => {
        expect(report.requests).toBeGreaterThanOrEqual(ADVERSARY_REQUESTS);
        expect(Object.keys(report.bySurface).length).toBeGreaterThanOrEqual(25);
        expect(Object.keys(report.byCredential).sort()).toEqual([
          'forged',
          'none',
          'own',
          'raw',
          'signed',
          'tampered',
          'unsigned',
        ]);
        expect(report.twinPairs).toBeGreaterThan(1000);
        // A run that only ever got 401s would prove nothing: the attackers' own requests must work.
        const ok =
          (report.statuses['200'] ?? 0) + (report.statuses['201'] ?? 0) + (report.statuses['204'] ?? 0);
        expect(ok).toBeGreaterThan(ADVERSARY_REQUESTS / 10);
        for (const status of ['400', '401', '403', '404'])
          expect(report.statuses[status] ?? 0, status).toBeGreaterThan(0);
      });

      it('leaks nothing, reveals no existence, accepts no bad credential, escalates no profile, changes no bystander', () => {
        const summary = report.violations.slice(0, 10).map((v) => `${v.kind} ${v.surface}: ${v.detail}`);
        expect(summary).toEqual([]);
        expect(report.violations).toHaveLength(0);
      });
    },
  );
}
