// Stories and tenant policies through HTTP, on PGlite and PostgreSQL.
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

for (const engine of ['pglite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(
    `stories and policies ${engineTitle(engine)}`,
    () => {
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
        method: 'GET' | 'PUT' | 'DELETE',
        url: string,
        payload?: object,
      ) => app.inject({ method, url, headers: bearer(s.accessToken), ...(payload ? { payload } : {}) });

      describe('stories', () => {
        it('a parent creates, renames, lists and deletes; a kid only reads', async () => {
          const admin = await signUp(app);
          const parent = await addMember(app, admin, 'parent_creator');
          const kid = await addMember(app, admin, 'kids_listen_only');
          const id = randomUUID();
          const created = await call(parent, 'PUT', `/stories/${id}`, { title: ' The Owl ' });
          expect(created.statusCode).toBe(200);
          expect(created.json()).toMatchObject({ id, title: 'The Owl' });
          time.advance(5);
          expect(
            (await call(parent, 'PUT', `/stories/${id}`, { title: 'The Wise Owl' })).json(),
          ).toMatchObject({ title: 'The Wise Owl' });
          expect((await call(kid, 'GET', `/stories/${id}`)).json()).toMatchObject({ title: 'The Wise Owl' });
          expect((await call(kid, 'PUT', `/stories/${id}`, { title: 'Poo' })).statusCode).toBe(403);
          expect((await call(kid, 'DELETE', `/stories/${id}`)).statusCode).toBe(403);
          expect((await call(kid, 'GET', '/stories')).json()).toEqual({
            stories: [expect.objectContaining({ id })],
          });
          expect((await call(parent, 'DELETE', `/stories/${id}`)).statusCode).toBe(204);
          expect((await call(kid, 'GET', `/stories/${id}`)).statusCode).toBe(404);
          expect((await call(parent, 'DELETE', `/stories/${id}`)).statusCode).toBe(404);
        });

        it('lists changes since a time, oldest first, with a limit', async () => {
          const admin = await signUp(app);
          const ids: string[] = [];
          for (let i = 0; i < 4; i++) {
            const id = randomUUID();
            ids.push(id);
            await call(admin, 'PUT', `/stories/${id}`, { title: `Story ${i}` });
            time.advance(10);
          }
          const all = (await call(admin, 'GET', '/stories')).json() as {
            stories: Array<{ id: string; updatedAt: string }>;
          };
          expect(all.stories.map((s) => s.id)).toEqual(ids);
          const since = all.stories[1]?.updatedAt ?? '';
          const later = (
            await call(admin, 'GET', `/stories?updatedSince=${encodeURIComponent(since)}&limit=1`)
          ).json() as {
            stories: Array<{ id: string }>;
          };
          expect(later.stories.map((s) => s.id)).toEqual([ids[2]]);
          expect((await call(admin, 'GET', '/stories?limit=0')).statusCode).toBe(400);
          expect((await call(admin, 'GET', '/stories?updatedSince=yesterday')).statusCode).toBe(400);
        });

        it('the same story id in two tenants is two stories', async () => {
          const a = await signUp(app);
          const b = await signUp(app);
          const id = randomUUID();
          await call(a, 'PUT', `/stories/${id}`, { title: 'A’s' });
          await call(b, 'PUT', `/stories/${id}`, { title: 'B’s' });
          expect((await call(a, 'GET', `/stories/${id}`)).json()).toMatchObject({ title: 'A’s' });
          expect((await call(b, 'GET', `/stories/${id}`)).json()).toMatchObject({ title: 'B’s' });
        });

        it('stops at the story quota', async () => {
          const admin = await signUp(app);
          await call(admin, 'PUT', '/policies/quota.stories', { value: 2 });
          const ids = [randomUUID(), randomUUID(), randomUUID()];
          const statuses = [];
          for (const id of ids)
            statuses.push((await call(admin, 'PUT', `/stories/${id}`, { title: 'x' })).statusCode);
          expect(statuses).toEqual([200, 200, 403]);
          // Renaming an existing story is not a new one.
          expect((await call(admin, 'PUT', `/stories/${ids[0]}`, { title: 'y' })).statusCode).toBe(200);
        });
      });

      describe('policies', () => {
        it('are read and set by admins only, validated per key, and reset to defaults', async () => {
          const admin = await signUp(app);
          const parent = await addMember(app, admin, 'parent_creator');
          const read = await call(admin, 'GET', '/policies');
          const policies = (
            read.json() as { policies: Array<{ key: string; value: unknown; isDefault: boolean }> }
          ).policies;
          expect(policies.find((p) => p.key === 'feature.sync')).toMatchObject({
            value: true,
            isDefault: true,
          });
          expect((await call(parent, 'GET', '/policies')).statusCode).toBe(403);
          expect((await call(parent, 'PUT', '/policies/feature.sync', { value: false })).statusCode).toBe(
            403,
          );

          const set = await call(admin, 'PUT', '/policies/feature.sync', { value: false });
          expect(set.json()).toMatchObject({ key: 'feature.sync', value: false, isDefault: false });
          const bad = await call(admin, 'PUT', '/policies/quota.stories', { value: 'lots' });
          expect(bad.statusCode).toBe(400);
          expect((bad.json() as { message: string }).message).toContain('quota.stories');
          expect((await call(admin, 'PUT', '/policies/quota.unicorns', { value: 1 })).statusCode).toBe(404);
          const reset = await call(admin, 'DELETE', '/policies/feature.sync');
          expect(reset.json()).toMatchObject({ value: true, isDefault: true });
        });
      });
    },
  );
}
