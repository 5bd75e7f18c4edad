// The membership cache only predicts: whatever it holds, a removed or demoted member is refused
// on their very next request, even by another instance of the service that never heard of the
// change (two apps on one database here), on both engines. And revoked refresh tokens stay dead.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceSecret } from '../auth/service-secret.js';
import { ManualClock } from '../testing/manual-clock.js';
import { addMember, bearer, createTestApp, signUp, type TestSession } from '../testing/test-app.js';
import { engineTitle, openTestDatabase, PG_AVAILABLE, type TestDatabase } from '../testing/test-databases.js';
import { MembershipCache } from './membership-cache.js';

describe('membership cache', () => {
  it('forgets entries after their time, on demand, per tenant, and past its size', () => {
    const time = new ManualClock();
    const cache = new MembershipCache(time.clock, 60, 3);
    cache.remember('t1', 'a', 'admin');
    cache.remember('t1', 'b', 'kids_listen_only');
    cache.remember('t2', 'a', 'teacher');
    expect(cache.get('t1', 'a')).toBe('admin');
    cache.forget('t1', 'a');
    expect(cache.get('t1', 'a')).toBeUndefined();
    cache.forgetTenant('t1');
    expect(cache.get('t1', 'b')).toBeUndefined();
    expect(cache.get('t2', 'a')).toBe('teacher');
    time.advance(60);
    expect(cache.get('t2', 'a')).toBeUndefined();
    for (const account of ['w', 'x', 'y', 'z']) cache.remember('t3', account, 'admin');
    expect(cache.size).toBe(3);
    expect(cache.get('t3', 'w')).toBeUndefined();
    expect(cache.get('t3', 'z')).toBe('admin');
  });
});

for (const engine of ['pglite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(
    `predicted memberships ${engineTitle(engine)}`,
    () => {
      let t: TestDatabase;
      // Two instances of the service on one database, as behind a load balancer: same secret,
      // separate caches. `here` makes the changes; `there` only serves the member.
      let here: FastifyInstance;
      let there: FastifyInstance;
      const secret = ServiceSecret.generate();
      const time = new ManualClock();

      beforeAll(async () => {
        t = await openTestDatabase(engine);
        here = await createTestApp(t.db, { secret, clock: time.clock });
        there = await createTestApp(t.db, { secret, clock: time.clock });
      }, 60_000);
      afterAll(async () => {
        await here?.close();
        await there?.close();
        await t?.dispose();
      });

      const get = (app: FastifyInstance, s: TestSession, url: string) =>
        app.inject({ method: 'GET', url, headers: bearer(s.accessToken) });
      const asAdmin = (admin: TestSession, method: 'PATCH' | 'DELETE', url: string, payload?: object) =>
        here.inject({ method, url, headers: bearer(admin.accessToken), ...(payload ? { payload } : {}) });

      /** The member's GETs are now predicted on `there` (it read and cached the membership). */
      async function warm(member: TestSession, url = '/sync/pull'): Promise<void> {
        for (let i = 0; i < 2; i++) expect((await get(there, member, url)).statusCode).toBe(200);
        expect(there.cloud.memberships.get(member.tenantId, member.accountId)).toBe(member.profile);
      }

      it('a member removed on another instance is refused on their next request', async () => {
        const admin = await signUp(here);
        const parent = await addMember(here, admin, 'parent_creator');
        await warm(parent);
        expect((await asAdmin(admin, 'DELETE', `/tenant/members/${parent.accountId}`)).statusCode).toBe(204);
        const refused = await get(there, parent, '/sync/pull');
        expect(refused.statusCode).toBe(401);
        expect(refused.json()).toMatchObject({ error: 'membership_ended' });
        expect(there.cloud.memberships.get(parent.tenantId, parent.accountId)).toBeUndefined();
      });

      it('a member removed on this instance is forgotten at once', async () => {
        const admin = await signUp(here);
        const parent = await addMember(here, admin, 'parent_creator');
        expect((await get(here, parent, '/sync/pull')).statusCode).toBe(200);
        expect(here.cloud.memberships.get(parent.tenantId, parent.accountId)).toBe('parent_creator');
        await asAdmin(admin, 'DELETE', `/tenant/members/${parent.accountId}`);
        expect(here.cloud.memberships.get(parent.tenantId, parent.accountId)).toBeUndefined();
        expect((await get(here, parent, '/sync/pull')).statusCode).toBe(401);
      });

      it('a member demoted elsewhere loses what the new profile does not allow, at once', async () => {
        const admin = await signUp(here);
        const parent = await addMember(here, admin, 'parent_creator');
        await warm(parent, '/tenant/members'); // members.read: parents yes, kids no
        await asAdmin(admin, 'PATCH', `/tenant/members/${parent.accountId}`, { profile: 'kids_listen_only' });
        const refused = await get(there, parent, '/tenant/members');
        expect(refused.statusCode).toBe(403);
        expect(refused.json()).toMatchObject({ error: 'permission_denied' });
        // What the new profile allows still works, and is predicted from the new profile.
        expect((await get(there, parent, '/sync/pull')).statusCode).toBe(200);
        expect(there.cloud.memberships.get(parent.tenantId, parent.accountId)).toBe('kids_listen_only');
      });

      it('a member promoted elsewhere gains the new permissions at once', async () => {
        const admin = await signUp(here);
        const kid = await addMember(here, admin, 'kids_listen_only');
        await warm(kid);
        expect((await get(there, kid, '/tenant/members')).statusCode).toBe(403);
        await asAdmin(admin, 'PATCH', `/tenant/members/${kid.accountId}`, { profile: 'teacher' });
        expect((await get(there, kid, '/tenant/members')).statusCode).toBe(200);
      });

      it('a revoked refresh token still fails, on either instance', async () => {
        const admin = await signUp(here);
        const out = await here.inject({
          method: 'POST',
          url: '/auth/logout',
          payload: { refreshToken: admin.refreshToken },
        });
        expect(out.statusCode).toBeLessThan(300);
        for (const app of [here, there]) {
          const refresh = await app.inject({
            method: 'POST',
            url: '/auth/refresh',
            payload: { refreshToken: admin.refreshToken },
          });
          expect(refresh.statusCode).toBe(401);
        }
      });

      it('an expired access token is refused even with its membership cached', async () => {
        const admin = await signUp(here);
        await warm(admin);
        time.advance(15 * 60);
        const refused = await get(there, admin, '/sync/pull');
        expect(refused.statusCode).toBe(401);
        expect(refused.json()).toMatchObject({ error: 'token_expired' });
      });
    },
  );
}
