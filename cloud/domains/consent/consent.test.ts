// Children, consent grants and revocations through HTTP, and the check other domains import,
// on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
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
import { ConsentRequiredError, hasConsents, missingConsents, requireConsents } from './consent-check.js';

for (const engine of ['pglite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(`consent ${engineTitle(engine)}`, () => {
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
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      payload?: object,
    ) => app.inject({ method, url, headers: bearer(s.accessToken), ...(payload ? { payload } : {}) });

    async function familyWithChild() {
      const admin = await signUp(app);
      const parent = await addMember(app, admin, 'parent_creator');
      const res = await call(parent, 'POST', '/children', { displayName: 'Mila', birthYear: 2019 });
      expect(res.statusCode).toBe(201);
      return { admin, parent, childId: (res.json() as { id: string }).id };
    }

    it('a parent grants and revokes; history keeps every decision, current shows the latest', async () => {
      const { parent, childId } = await familyWithChild();
      expect(
        (await call(parent, 'PUT', `/children/${childId}/consents/recording`, { granted: true })).statusCode,
      ).toBe(200);
      time.advance(60);
      await call(parent, 'PUT', `/children/${childId}/consents/cloud_sync`, { granted: true });
      time.advance(60);
      const revoked = await call(parent, 'PUT', `/children/${childId}/consents/recording`, {
        granted: false,
      });
      expect(revoked.json()).toMatchObject({
        kind: 'recording',
        granted: false,
        decidedBy: parent.accountId,
      });

      const state = (await call(parent, 'GET', `/children/${childId}/consents`)).json() as {
        granted: string[];
        current: Array<{ kind: string; granted: boolean }>;
        history: Array<{ kind: string; granted: boolean }>;
      };
      expect(state.granted).toEqual(['cloud_sync']);
      expect(state.current).toEqual([
        expect.objectContaining({ kind: 'recording', granted: false }),
        expect.objectContaining({ kind: 'cloud_sync', granted: true }),
      ]);
      expect(state.history.map((h) => `${h.kind}:${h.granted}`)).toEqual([
        'recording:true',
        'cloud_sync:true',
        'recording:false',
      ]);
    });

    it('a kid cannot grant or read consents; a teacher reads but cannot grant', async () => {
      const { admin, childId } = await familyWithChild();
      const kid = await addMember(app, admin, 'kids_listen_only');
      const teacher = await addMember(app, admin, 'teacher');
      const kidTry = await call(kid, 'PUT', `/children/${childId}/consents/recording`, { granted: true });
      expect(kidTry.statusCode).toBe(403);
      expect(kidTry.json()).toMatchObject({ error: 'permission_denied' });
      expect((await call(kid, 'GET', `/children/${childId}/consents`)).statusCode).toBe(403);
      expect((await call(kid, 'POST', '/children', { displayName: 'Me' })).statusCode).toBe(403);
      expect((await call(kid, 'GET', '/children')).json()).toMatchObject({
        children: [{ id: childId, displayName: 'Mila' }],
      });
      expect((await call(teacher, 'GET', `/children/${childId}/consents`)).statusCode).toBe(200);
      expect(
        (await call(teacher, 'PUT', `/children/${childId}/consents/app_usage`, { granted: true })).statusCode,
      ).toBe(403);
    });

    it('another family’s child does not exist; bad kinds and bodies are refused', async () => {
      const { parent, childId } = await familyWithChild();
      const stranger = await signUp(app);
      expect((await call(stranger, 'GET', `/children/${childId}/consents`)).statusCode).toBe(404);
      expect(
        (await call(stranger, 'PUT', `/children/${childId}/consents/recording`, { granted: true }))
          .statusCode,
      ).toBe(404);
      expect(
        (await call(parent, 'PUT', `/children/${randomUUID()}/consents/recording`, { granted: true }))
          .statusCode,
      ).toBe(404);
      expect(
        (await call(parent, 'PUT', `/children/${childId}/consents/telepathy`, { granted: true })).statusCode,
      ).toBe(400);
      expect(
        (await call(parent, 'PUT', `/children/${childId}/consents/recording`, { granted: 'yes' })).statusCode,
      ).toBe(400);
      expect((await call(parent, 'POST', '/children', { displayName: '  ' })).statusCode).toBe(400);
    });

    it('hasConsents / requireConsents answer from the latest records, inside a tenant transaction', async () => {
      const { parent, childId } = await familyWithChild();
      const scope = { tenantId: parent.tenantId, accountId: parent.accountId };
      const need = ['recording', 'cloud_sync'] as const;
      expect(await t.db.transaction(scope, (tx) => hasConsents(tx, parent.tenantId, childId, need))).toBe(
        false,
      );
      await call(parent, 'PUT', `/children/${childId}/consents/recording`, { granted: true });
      expect(
        await t.db.transaction(scope, (tx) => missingConsents(tx, parent.tenantId, childId, need)),
      ).toEqual(['cloud_sync']);
      await call(parent, 'PUT', `/children/${childId}/consents/cloud_sync`, { granted: true });
      expect(await t.db.transaction(scope, (tx) => hasConsents(tx, parent.tenantId, childId, need))).toBe(
        true,
      );
      await call(parent, 'PUT', `/children/${childId}/consents/cloud_sync`, { granted: false });
      const refused = await t.db
        .transaction(scope, (tx) => requireConsents(tx, parent.tenantId, childId, need))
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ConsentRequiredError);
      expect((refused as Error).message).toMatch(/copied to the cloud/);
      // Another tenant's scope sees no records for this child, so no consent.
      const other = await signUp(app);
      expect(
        await t.db.transaction({ tenantId: other.tenantId }, (tx) =>
          hasConsents(tx, parent.tenantId, childId, ['recording']),
        ),
      ).toBe(false);
    });

    it('the app role cannot rewrite or delete a consent record', async () => {
      const { parent, childId } = await familyWithChild();
      await call(parent, 'PUT', `/children/${childId}/consents/recording`, { granted: true });
      const scope = { tenantId: parent.tenantId, accountId: parent.accountId };
      const changed = await t.db.transaction(scope, (tx) =>
        tx.execute('UPDATE consent_records SET granted = false WHERE tenant_id = $1', [parent.tenantId]),
      );
      const deleted = await t.db.transaction(scope, (tx) =>
        tx.execute('DELETE FROM consent_records WHERE tenant_id = $1', [parent.tenantId]),
      );
      expect([changed, deleted]).toEqual([0, 0]);
      expect(
        await t.db.transaction(scope, (tx) => hasConsents(tx, parent.tenantId, childId, ['recording'])),
      ).toBe(true);
    });
  });
}
