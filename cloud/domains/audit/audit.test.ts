// The audit log's hash chain: consent, policy and profile changes are chained, verify passes,
// and a row changed behind the service's back (as the database administrator) breaks it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../testing/manual-clock.js';
import { addMember, bearer, createTestApp, signUp } from '../../testing/test-app.js';
import {
  engineTitle,
  openTestDatabase,
  PG_AVAILABLE,
  type TestDatabase,
} from '../../testing/test-databases.js';

interface Entry {
  seq: number;
  action: string;
  subject: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

for (const engine of ['pglite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(`audit log ${engineTitle(engine)}`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    const time = new ManualClock();

    beforeAll(async () => {
      t = await openTestDatabase(engine);
      app = await createTestApp(t.db, { clock: time.clock });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
    });

    const call = (
      s: { accessToken: string },
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      url: string,
      payload?: object,
    ) => app.inject({ method, url, headers: bearer(s.accessToken), ...(payload ? { payload } : {}) });

    async function busyFamily() {
      const admin = await signUp(app);
      const member = await addMember(app, admin, 'parent_creator');
      const child = (await call(admin, 'POST', '/children', { displayName: 'Noé' })).json() as { id: string };
      await call(admin, 'PUT', `/children/${child.id}/consents/recording`, { granted: true });
      time.advance(1);
      await call(admin, 'PUT', '/policies/quota.stories', { value: 12 });
      await call(admin, 'PATCH', `/tenant/members/${member.accountId}`, { profile: 'teacher' });
      await call(admin, 'PUT', `/children/${child.id}/consents/recording`, { granted: false });
      await call(admin, 'DELETE', '/policies/quota.stories');
      return { admin, member, childId: child.id };
    }

    it('chains consent, policy and profile changes and verifies', async () => {
      const { admin, member, childId } = await busyFamily();
      const { entries } = (await call(admin, 'GET', '/audit')).json() as { entries: Entry[] };
      expect(entries.map((e) => `${e.seq} ${e.action} ${e.subject}`)).toEqual([
        `1 consent.granted ${childId}`,
        '2 policy.set quota.stories',
        `3 member.profile_changed ${member.accountId}`,
        `4 consent.revoked ${childId}`,
        '5 policy.reset quota.stories',
      ]);
      expect(entries[2]?.details).toEqual({ from: 'parent_creator', to: 'teacher' });
      for (let i = 1; i < entries.length; i++) expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
      expect((await call(admin, 'GET', '/audit/verify')).json()).toEqual({
        ok: true,
        entries: 5,
        head: entries[4]?.hash,
      });
      const page = (await call(admin, 'GET', '/audit?after=3&limit=1')).json() as { entries: Entry[] };
      expect(page.entries.map((e) => e.seq)).toEqual([4]);
    });

    it('each tenant has its own chain; only admins read it', async () => {
      const a = await busyFamily();
      const b = await signUp(app);
      expect((await call(b, 'GET', '/audit/verify')).json()).toEqual({ ok: true, entries: 0, head: null });
      expect((await call(b, 'GET', '/audit')).json()).toEqual({ entries: [] });
      const parent = await addMember(app, a.admin, 'parent_creator');
      expect((await call(parent, 'GET', '/audit/verify')).statusCode).toBe(403);
    });

    it('the app role can neither change nor delete entries', async () => {
      const { admin } = await busyFamily();
      const scope = { tenantId: admin.tenantId, accountId: admin.accountId };
      const update = await t.db.transaction(scope, (tx) =>
        tx.execute(`UPDATE audit_log SET subject = 'x' WHERE tenant_id = $1`, [admin.tenantId]),
      );
      const del = await t.db.transaction(scope, (tx) =>
        tx.execute('DELETE FROM audit_log WHERE tenant_id = $1', [admin.tenantId]),
      );
      expect([update, del]).toEqual([0, 0]);
      // Even a role that bypasses row-level security meets the trigger.
      const refused = await t.db
        .adminTransaction((tx) =>
          tx.execute(`UPDATE audit_log SET subject = 'x' WHERE tenant_id = $1`, [admin.tenantId]),
        )
        .catch((e: unknown) => e);
      expect(String(refused)).toMatch(/append-only/);
      expect((await call(admin, 'GET', '/audit/verify')).json()).toMatchObject({ ok: true, entries: 5 });
    });

    it('verify reports the first broken link after a row is tampered with in the database', async () => {
      const { admin } = await busyFamily();
      await t.db.adminTransaction(async (tx) => {
        await tx.script('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
        await tx.execute(
          `UPDATE audit_log SET details = '{"value": 1000000}' WHERE tenant_id = $1 AND seq = 2`,
          [admin.tenantId],
        );
        await tx.script('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      });
      expect((await call(admin, 'GET', '/audit/verify')).json()).toMatchObject({
        ok: false,
        entries: 5,
        firstBroken: { seq: 2, reason: 'its content does not match its hash' },
      });

      const other = await busyFamily();
      await t.db.adminTransaction(async (tx) => {
        await tx.script('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
        await tx.execute('DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 3', [other.admin.tenantId]);
        await tx.script('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      });
      expect((await call(other.admin, 'GET', '/audit/verify')).json()).toMatchObject({
        ok: false,
        firstBroken: { seq: 4, reason: 'entry 3 is missing' },
      });
    });
  });
}
