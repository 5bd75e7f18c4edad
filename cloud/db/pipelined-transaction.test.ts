// Request transactions send their statements in batches (BEGIN, settings, check and the first
// query together; the last query with COMMIT). These tests hold that to what one-at-a-time
// statements guaranteed, on both engines: nothing runs outside the scope or after a failure,
// a refused check leaves no trace, and commits happen exactly when they should.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineTitle, openTestDatabase, PG_AVAILABLE, type TestDatabase } from '../testing/test-databases.js';
import { ScopeCheckRefusedError, TransactionEndedError, type Scope } from './database.js';
import { migrate } from './migrations.js';
import { CommitRolledBackError } from './pipelined-transaction.js';

const MEMBER_CHECK = (profile: string) => ({ sql: 'SELECT app_check_membership($1)', params: [profile] });

for (const engine of ['pglite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(
    `pipelined request transactions ${engineTitle(engine)}`,
    () => {
      let t: TestDatabase;
      const tenant = randomUUID();
      const account = randomUUID();
      const scope: Scope = { tenantId: tenant, accountId: account };
      const titles = () =>
        t.db.transaction(scope, (tx) =>
          tx.rows<{ title: string }>('SELECT title FROM stories ORDER BY title'),
        );
      const addStory = (title: string) =>
        [
          'INSERT INTO stories (tenant_id, id, title) VALUES ($1, $2, $3)',
          [tenant, randomUUID(), title],
        ] as const;

      beforeAll(async () => {
        t = await openTestDatabase(engine);
        await migrate(t.db);
        await t.db.transaction(scope, async (tx) => {
          await tx.execute(`INSERT INTO tenants (id, kind, name) VALUES ($1, 'family', 'Pipes')`, [tenant]);
          await tx.execute('INSERT INTO accounts (id, email) VALUES ($1, $2)', [
            account,
            `${account}@example.test`,
          ]);
          await tx.execute(
            `INSERT INTO memberships (tenant_id, account_id, profile) VALUES ($1, $2, 'parent_creator')`,
            [tenant, account],
          );
        });
      }, 60_000);
      afterAll(() => t?.dispose());

      it('runs every statement as the app role inside the scope, first and later ones alike', async () => {
        const seen = await t.db.transaction(scope, async (tx) => {
          const first = await tx.one<{ role: string; tenant: string }>(
            `SELECT current_user AS role, current_setting('app.tenant') AS tenant`,
          );
          const later = await tx.one<{ role: string; tenant: string }>(
            `SELECT current_user AS role, current_setting('app.tenant') AS tenant`,
          );
          const last = await tx.finalRows<{ role: string; tenant: string }>(
            `SELECT current_user AS role, current_setting('app.tenant') AS tenant`,
          );
          return [first, later, ...last];
        });
        expect(seen).toEqual(Array(3).fill({ role: t.db.roles.app, tenant }));
      });

      it('commits with finalRows, and refuses any statement after it', async () => {
        await t.db.transaction(scope, async (tx) => {
          await tx.execute(...addStory('final a'));
          await tx.finalRows('SELECT 1');
          await expect(tx.rows('SELECT 1')).rejects.toBeInstanceOf(TransactionEndedError);
        });
        expect((await titles()).map((r) => r.title)).toContain('final a');
      });

      it('rolls everything back when the function throws after its writes', async () => {
        await expect(
          t.db.transaction(scope, async (tx) => {
            await tx.execute(...addStory('thrown away'));
            throw new Error('changed my mind');
          }),
        ).rejects.toThrow('changed my mind');
        expect((await titles()).map((r) => r.title)).not.toContain('thrown away');
      });

      it('commits nothing when a failed statement was caught and ignored', async () => {
        await expect(
          t.db.transaction(scope, async (tx) => {
            await tx.execute(...addStory('before the error'));
            await tx.rows('SELECT 1/0').catch(() => undefined);
            return 'looks fine';
          }),
        ).rejects.toBeInstanceOf(CommitRolledBackError);
        expect((await titles()).map((r) => r.title)).not.toContain('before the error');
      });

      it('a refused check stops the transaction before its first statement runs', async () => {
        let swallowed: unknown;
        await expect(
          t.db.transaction({ ...scope, check: MEMBER_CHECK('admin') }, async (tx) => {
            // The write travels in the same batch as the check; it must not run, or commit.
            swallowed = await tx
              .execute(...addStory('written by a predicted admin'))
              .catch((e: unknown) => e);
            return 'carried on';
          }),
        ).rejects.toBeInstanceOf(ScopeCheckRefusedError);
        expect(swallowed).toBeInstanceOf(ScopeCheckRefusedError);
        expect((await titles()).map((r) => r.title)).not.toContain('written by a predicted admin');
      });

      it('a passing check lets the transaction run as usual', async () => {
        const rows = await t.db.transaction(
          { ...scope, check: MEMBER_CHECK('parent_creator') },
          async (tx) => {
            await tx.execute(...addStory('checked write'));
            return tx.finalRows<{ title: string }>('SELECT title FROM stories WHERE title = $1', [
              'checked write',
            ]);
          },
        );
        expect(rows).toEqual([{ title: 'checked write' }]);
      });

      it('keeps working after failures, with the same statements parsed again where needed', async () => {
        for (let round = 0; round < 3; round++) {
          await expect(
            t.db.transaction(scope, (tx) => tx.rows('SELECT $1::int AS n', ['not a number'])),
          ).rejects.toThrow();
          const ok = await t.db.transaction(scope, (tx) => tx.rows('SELECT $1::int AS n', [round]));
          expect(ok).toEqual([{ n: round }]);
        }
      });

      it('sends nothing for a function that runs no statement', async () => {
        expect(await t.db.transaction(scope, async () => 'nothing to do')).toBe('nothing to do');
      });
    },
  );
}
