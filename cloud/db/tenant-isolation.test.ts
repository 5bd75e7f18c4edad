// The tenancy guarantee at the database level: queries that forget their WHERE clause still see
// only the current tenant, and writes into another tenant are refused, on both engines.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineTitle, openTestDatabase, PG_AVAILABLE, type TestDatabase } from '../testing/test-databases.js';
import type { CloudDatabase } from './database.js';
import { migrate } from './migrations.js';

interface Seeded {
  a: string;
  b: string;
  accountA: string;
  accountB: string;
}

async function seed(db: CloudDatabase): Promise<Seeded> {
  const s = { a: randomUUID(), b: randomUUID(), accountA: randomUUID(), accountB: randomUUID() };
  for (const [tenant, account, email] of [
    [s.a, s.accountA, 'a@example.test'],
    [s.b, s.accountB, 'b@example.test'],
  ] as const) {
    await db.transaction({ tenantId: tenant, accountId: account }, async (tx) => {
      await tx.execute(`INSERT INTO tenants (id, kind, name) VALUES ($1, 'family', $2)`, [
        tenant,
        `family ${email}`,
      ]);
      await tx.execute(`INSERT INTO accounts (id, email) VALUES ($1, $2)`, [account, email]);
      await tx.execute(`INSERT INTO memberships (tenant_id, account_id, profile) VALUES ($1, $2, 'admin')`, [
        tenant,
        account,
      ]);
      for (let i = 0; i < 3; i++) {
        await tx.execute(`INSERT INTO stories (tenant_id, id, title) VALUES ($1, $2, $3)`, [
          tenant,
          randomUUID(),
          `${email} story ${i}`,
        ]);
      }
      await tx.execute(
        `INSERT INTO tenant_policies (tenant_id, key, value) VALUES ($1, 'quota.stories', '5')`,
        [tenant],
      );
    });
  }
  return s;
}

const TENANT_TABLES = ['stories', 'memberships', 'tenant_policies', 'invitations', 'refresh_tokens'];

for (const engine of ['pglite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(`row-level security ${engineTitle(engine)}`, () => {
    let t: TestDatabase;
    let s: Seeded;
    beforeAll(async () => {
      t = await openTestDatabase(engine);
      await migrate(t.db);
      s = await seed(t.db);
    }, 60_000);
    afterAll(() => t?.dispose());

    it('a query with no WHERE clause sees only the current tenant', async () => {
      const rows = await t.db.transaction({ tenantId: s.a }, (tx) =>
        tx.rows<{ tenant_id: string; title: string }>('SELECT tenant_id, title FROM stories'),
      );
      expect(rows).toHaveLength(3);
      expect(rows.every((r) => r.tenant_id === s.a && r.title.startsWith('a@'))).toBe(true);
      const tenants = await t.db.transaction({ tenantId: s.b }, (tx) =>
        tx.rows<{ id: string }>('SELECT id FROM tenants'),
      );
      expect(tenants.map((r) => r.id)).toEqual([s.b]);
    });

    it('the request role owns no table and is not the owner', async () => {
      const who = await t.db.transaction({ tenantId: s.a }, (tx) =>
        tx.one<{ user: string; owns: number }>(
          `SELECT current_user AS user, (SELECT count(*)::int FROM pg_tables WHERE tableowner = current_user) AS owns`,
        ),
      );
      expect(who).toEqual({ user: t.db.roles.app, owns: 0 });
    });

    it('sees nothing at all when no tenant is set', async () => {
      for (const table of [...TENANT_TABLES, 'tenants', 'accounts', 'identities']) {
        const { n } = await t.db.transaction({}, (tx) =>
          tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`),
        );
        expect(n, table).toBe(0);
      }
    });

    it('refuses to insert a row into another tenant', async () => {
      await expect(
        t.db.transaction({ tenantId: s.a }, (tx) =>
          tx.execute(`INSERT INTO stories (tenant_id, id, title) VALUES ($1, $2, 'planted')`, [
            s.b,
            randomUUID(),
          ]),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('updates and deletes without WHERE touch only the current tenant', async () => {
      const touched = await t.db.transaction({ tenantId: s.a }, async (tx) => {
        const updated = await tx.execute(`UPDATE stories SET title = title || ' (edited)'`);
        const deleted = await tx.execute(`DELETE FROM tenant_policies`);
        return { updated, deleted };
      });
      expect(touched).toEqual({ updated: 3, deleted: 1 });
      const bTitles = await t.db.transaction({ tenantId: s.b }, (tx) =>
        tx.rows<{ title: string }>('SELECT title FROM stories'),
      );
      expect(bTitles.some((r) => r.title.includes('edited'))).toBe(false);
      const bPolicies = await t.db.transaction({ tenantId: s.b }, (tx) =>
        tx.rows('SELECT * FROM tenant_policies'),
      );
      expect(bPolicies).toHaveLength(1);
    });

    it('cannot move a row into another tenant with UPDATE', async () => {
      await expect(
        t.db.transaction({ tenantId: s.a }, (tx) => tx.execute(`UPDATE stories SET tenant_id = $1`, [s.b])),
      ).rejects.toThrow(/row-level security/);
    });

    it('sees co-members of the current tenant but no account of another tenant', async () => {
      const emails = await t.db.transaction({ tenantId: s.a, accountId: s.accountA }, (tx) =>
        tx.rows<{ email: string }>('SELECT email FROM accounts'),
      );
      expect(emails.map((r) => r.email)).toEqual(['a@example.test']);
    });

    it('an email lookup reveals exactly that one account', async () => {
      const found = await t.db.transaction({ lookupEmail: 'b@example.test' }, (tx) =>
        tx.rows<{ id: string }>('SELECT id FROM accounts'),
      );
      expect(found.map((r) => r.id)).toEqual([s.accountB]);
    });

    it('cannot join another tenant by inserting a membership for oneself', async () => {
      await expect(
        t.db.transaction({ tenantId: s.a, accountId: s.accountA }, (tx) =>
          tx.execute(`INSERT INTO memberships (tenant_id, account_id, profile) VALUES ($1, $2, 'admin')`, [
            s.b,
            s.accountA,
          ]),
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });
}
