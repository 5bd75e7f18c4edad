// Export of a family's data as a zip and erasure of the family, on PGlite and PostgreSQL.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../testing/manual-clock.js';
import { unzipEntries } from '../../testing/unzip-entries.js';
import {
  addMember,
  bearer,
  createTestApp,
  signUp,
  TEST_PASSWORD,
  type TestSession,
} from '../../testing/test-app.js';
import {
  engineTitle,
  openTestDatabase,
  PG_AVAILABLE,
  type TestDatabase,
} from '../../testing/test-databases.js';

for (const engine of ['pglite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(`family data ${engineTitle(engine)}`, () => {
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
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      payload?: object,
    ) => app.inject({ method, url, headers: bearer(s.accessToken), ...(payload ? { payload } : {}) });

    /** A family with a child, consent, a story, a policy and an uploaded asset. */
    async function livedInFamily() {
      const admin = await signUp(app);
      const parent = await addMember(app, admin, 'parent_creator');
      const marker = `marker-${randomBytes(6).toString('hex')}`;
      const child = (await call(parent, 'POST', '/children', { displayName: `Child ${marker}` })).json() as {
        id: string;
      };
      await call(parent, 'PUT', `/children/${child.id}/consents/recording`, { granted: true });
      await call(parent, 'PUT', `/stories/${randomUUID()}`, { title: `Story ${marker}` });
      await call(admin, 'PUT', '/policies/quota.stories', { value: 77 });
      const audio = Buffer.from(`pretend opus bytes ${marker}`);
      const sha = createHash('sha256').update(audio).digest('hex');
      const upload = await app.inject({
        method: 'PUT',
        url: `/sync/assets/${sha}`,
        headers: { ...bearer(parent.accessToken), 'content-type': 'application/octet-stream' },
        payload: audio,
      });
      expect(upload.statusCode).toBe(200);
      return { admin, parent, marker, childId: child.id, audio, sha };
    }

    it('exports every table of the family, its members, audit and asset files, and nothing of another family', async () => {
      const family = await livedInFamily();
      const other = await livedInFamily();
      const res = await call(family.admin, 'GET', '/family-data/export');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="talemo-export-\d{4}-\d{2}-\d{2}\.zip"$/,
      );
      const files = await unzipEntries(res.rawPayload);
      const read = (name: string) => JSON.parse(files.get(name)?.toString('utf8') ?? 'null') as unknown;

      expect(read('manifest.json')).toMatchObject({
        tenantId: family.admin.tenantId,
        assets: 1,
        tables: expect.objectContaining({
          children: 1,
          consent_records: 1,
          stories: 1,
          tenant_policies: 1,
          audit_log: 2,
          sync_assets: 1,
        }),
      });
      expect(read('tables/children.json')).toEqual([
        expect.objectContaining({ id: family.childId, display_name: `Child ${family.marker}` }),
      ]);
      expect(read('members.json')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ email: family.admin.email, profile: 'admin' }),
          expect.objectContaining({ email: family.parent.email, profile: 'parent_creator' }),
        ]),
      );
      expect(read('audit-verification.json')).toMatchObject({ ok: true, entries: 2 });
      expect(files.get(`assets/${family.sha}`)).toEqual(family.audio);

      const everything = [...files.values()].map((b) => b.toString('latin1')).join('\n');
      expect(everything).toContain(`Story ${family.marker}`);
      expect(everything).not.toContain(other.marker);
      expect(everything).not.toMatch(/password_hash|token_hash|secret_hash|\$argon2/);
    });

    it('only an admin exports or erases', async () => {
      const family = await livedInFamily();
      expect((await call(family.parent, 'GET', '/family-data/export')).statusCode).toBe(403);
      expect((await call(family.parent, 'POST', '/family-data/erasure')).statusCode).toBe(403);
    });

    it('erasure needs a fresh confirmation token', async () => {
      const family = await livedInFamily();
      const wrong = await call(family.admin, 'POST', '/family-data/erase', { confirmationToken: 'guess' });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json()).toMatchObject({ error: 'confirmation_invalid' });
      const { confirmationToken } = (await call(family.admin, 'POST', '/family-data/erasure')).json() as {
        confirmationToken: string;
      };
      time.advance(15 * 60 + 1);
      const login = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: family.admin.email, password: TEST_PASSWORD, tenantId: family.admin.tenantId },
      });
      const admin = login.json() as TestSession;
      const late = await call(admin, 'POST', '/family-data/erase', { confirmationToken });
      expect(late.statusCode).toBe(403);
      expect((await call(admin, 'GET', '/stories')).json()).toMatchObject({ stories: [expect.anything()] });
    });

    it('erases every row and file of the family, leaves a tombstone, and leaves other families alone', async () => {
      const family = await livedInFamily();
      const other = await livedInFamily();
      const tenantId = family.admin.tenantId;
      const assetDir = path.join(app.cloud.config.dataDir, 'assets', tenantId);
      expect(existsSync(assetDir)).toBe(true);

      const { confirmationToken } = (await call(family.admin, 'POST', '/family-data/erasure')).json() as {
        confirmationToken: string;
      };
      const res = await call(family.admin, 'POST', '/family-data/erase', { confirmationToken });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        tenantId,
        auditEntries: 2,
        auditHead: expect.stringMatching(/^[0-9a-f]{64}$/),
        rowCounts: expect.objectContaining({ children: 1, consent_records: 1, stories: 1, memberships: 2 }),
      });

      // Counted as the database administrator, past row-level security.
      const left = await t.db.adminTransaction(async (tx) => {
        const tables = await tx.rows<{ table_name: string }>(
          `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'
             AND table_name <> 'erasure_tombstones'`,
        );
        let n = 0;
        for (const { table_name } of tables) {
          n += (
            await tx.one<{ n: number }>(
              `SELECT count(*)::int AS n FROM "${table_name}" WHERE tenant_id = $1`,
              [tenantId],
            )
          ).n;
        }
        n += (await tx.one<{ n: number }>('SELECT count(*)::int AS n FROM tenants WHERE id = $1', [tenantId]))
          .n;
        const tombstones = (
          await tx.one<{ n: number }>(
            'SELECT count(*)::int AS n FROM erasure_tombstones WHERE tenant_id = $1',
            [tenantId],
          )
        ).n;
        return { n, tombstones };
      });
      expect(left).toEqual({ n: 0, tombstones: 1 });
      expect(existsSync(assetDir)).toBe(false);
      expect((await call(family.admin, 'GET', '/stories')).statusCode).toBe(401);

      expect((await call(other.admin, 'GET', '/stories')).json()).toMatchObject({
        stories: [expect.anything()],
      });
      expect((await call(other.admin, 'GET', '/audit/verify')).json()).toMatchObject({
        ok: true,
        entries: 2,
      });
      expect(existsSync(path.join(app.cloud.config.dataDir, 'assets', other.admin.tenantId))).toBe(true);
    });
  });
}
