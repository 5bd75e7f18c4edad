// The tenant, its members, invitations and profiles through HTTP, on PGlite and PostgreSQL.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvitationTokens } from '../../auth/invitation-tokens.js';
import { ServiceSecret } from '../../auth/service-secret.js';
import { ManualClock } from '../../testing/manual-clock.js';
import { addMember, bearer, createTestApp, signUp, type TestSession } from '../../testing/test-app.js';
import {
  engineTitle,
  openTestDatabase,
  PG_AVAILABLE,
  type TestDatabase,
} from '../../testing/test-databases.js';

for (const engine of ['pglite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(
    `tenants, members and invitations ${engineTitle(engine)}`,
    () => {
      let t: TestDatabase;
      let app: FastifyInstance;
      const time = new ManualClock();
      const secret = ServiceSecret.generate();

      beforeAll(async () => {
        t = await openTestDatabase(engine);
        app = await createTestApp(t.db, { clock: time.clock, secret });
      }, 60_000);
      afterAll(async () => {
        await app?.close();
        await t?.dispose();
      });

      const call = (
        s: { accessToken: string },
        method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
        url: string,
        payload?: object,
      ) => app.inject({ method, url, headers: bearer(s.accessToken), ...(payload ? { payload } : {}) });
      const invite = async (s: TestSession, profile: string, extra: object = {}) =>
        call(s, 'POST', '/invitations', { profile, ...extra });

      describe('the tenant', () => {
        it('every member reads it; only an admin renames it', async () => {
          const admin = await signUp(app, { tenant: { kind: 'school', name: 'Elm Street School' } });
          const kid = await addMember(app, admin, 'kids_listen_only');
          const read = await call(kid, 'GET', '/tenant');
          expect(read.json()).toMatchObject({
            id: admin.tenantId,
            kind: 'school',
            name: 'Elm Street School',
          });
          const refused = await call(kid, 'PATCH', '/tenant', { name: 'Kid Town' });
          expect(refused.statusCode).toBe(403);
          expect((refused.json() as { message: string }).message).toBe(
            'Your profile (Kids Listen-Only) does not allow this (tenant.manage).',
          );
          const renamed = await call(admin, 'PATCH', '/tenant', { name: '  Elm School  ' });
          expect(renamed.json()).toMatchObject({ name: 'Elm School' });
        });
      });

      describe('members', () => {
        it('lists members with profiles; parents see them, kids may not', async () => {
          const admin = await signUp(app);
          const parent = await addMember(app, admin, 'parent_creator');
          const kid = await addMember(app, admin, 'kids_listen_only');
          const list = await call(parent, 'GET', '/tenant/members');
          expect(list.statusCode).toBe(200);
          const members = (
            list.json() as { members: Array<{ email: string; profile: string; profileLabel: string }> }
          ).members;
          const byEmail = (rows: string[][]) =>
            [...rows].sort((x, y) => String(x[0]).localeCompare(String(y[0])));
          expect(byEmail(members.map((m) => [m.email, m.profile]))).toEqual(
            byEmail([
              [admin.email, 'admin'],
              [parent.email, 'parent_creator'],
              [kid.email, 'kids_listen_only'],
            ]),
          );
          expect(members.find((m) => m.email === kid.email)?.profileLabel).toBe('Kids Listen-Only');
          expect((await call(kid, 'GET', '/tenant/members')).statusCode).toBe(403);
        });

        it('an admin changes a profile, and the new permissions apply to the very next request', async () => {
          const admin = await signUp(app);
          const kid = await addMember(app, admin, 'kids_listen_only');
          const story = '/stories/0b9f0b7e-51a4-4c4e-9d2a-7a5f4d3c2b1a';
          expect((await call(kid, 'PUT' as 'POST', story, { title: 'Mine' })).statusCode).toBe(403);
          const changed = await call(admin, 'PATCH', `/tenant/members/${kid.accountId}`, {
            profile: 'parent_creator',
          });
          expect(changed.json()).toMatchObject({ profile: 'parent_creator', profileLabel: 'Parent Creator' });
          // Same access token as before: the membership is read per request, not trusted from the token.
          expect((await call(kid, 'PUT' as 'POST', story, { title: 'Mine' })).statusCode).toBe(200);
          expect(
            (await call(admin, 'PATCH', `/tenant/members/${kid.accountId}`, { profile: 'wizard' })).json(),
          ).toMatchObject({
            error: 'unknown_profile',
          });
        });

        it('never leaves a tenant without an admin', async () => {
          const admin = await signUp(app);
          const demote = await call(admin, 'PATCH', `/tenant/members/${admin.accountId}`, {
            profile: 'teacher',
          });
          expect(demote.statusCode).toBe(409);
          expect(demote.json()).toMatchObject({ error: 'last_admin' });
          expect((await call(admin, 'DELETE', `/tenant/members/${admin.accountId}`)).statusCode).toBe(409);
          const second = await addMember(app, admin, 'admin');
          expect(
            (await call(second, 'PATCH', `/tenant/members/${admin.accountId}`, { profile: 'teacher' }))
              .statusCode,
          ).toBe(200);
        });

        it('answers 404 for someone who is not a member', async () => {
          const admin = await signUp(app);
          const outsider = await signUp(app);
          expect((await call(admin, 'DELETE', `/tenant/members/${outsider.accountId}`)).statusCode).toBe(404);
          expect(
            (await call(admin, 'PATCH', `/tenant/members/${outsider.accountId}`, { profile: 'admin' }))
              .statusCode,
          ).toBe(404);
        });
      });

      describe('invitations', () => {
        it('joins the invited person with the invited profile, once', async () => {
          const admin = await signUp(app, { tenant: { kind: 'school', name: 'Oak School' } });
          const created = await invite(admin, 'teacher');
          expect(created.statusCode).toBe(201);
          const { token, id } = created.json() as { token: string; id: string };
          const teacher = await signUp(app, { invitation: token });
          expect(teacher).toMatchObject({ tenantId: admin.tenantId, profile: 'teacher' });
          const reuse = await app.inject({
            method: 'POST',
            url: '/auth/signup',
            payload: { email: `x${teacher.email}`, password: 'another long one', invitation: token },
          });
          expect(reuse.statusCode).toBe(410);
          expect(reuse.json()).toMatchObject({ error: 'invitation_used' });
          const listed = (await call(admin, 'GET', '/invitations')).json() as {
            invitations: Array<{ id: string; status: string }>;
          };
          expect(listed.invitations.find((i) => i.id === id)?.status).toBe('accepted');
        });

        it('cannot invite with more permissions than the inviter has', async () => {
          const admin = await signUp(app);
          const teacher = await addMember(app, admin, 'teacher');
          const up = await invite(teacher, 'admin');
          expect(up.statusCode).toBe(403);
          expect(up.json()).toMatchObject({ error: 'profile_too_strong' });
          expect((await invite(teacher, 'kids_listen_only')).statusCode).toBe(201);
          const kid = await addMember(app, admin, 'kids_listen_only');
          expect((await invite(kid, 'kids_listen_only')).statusCode).toBe(403);
          expect((await invite(admin, 'nobody')).json()).toMatchObject({ error: 'unknown_profile' });
        });

        it('expires', async () => {
          const admin = await signUp(app);
          const { token } = (await invite(admin, 'parent_creator', { expiresInHours: 1 })).json() as {
            token: string;
          };
          time.advance(3601);
          const late = await app.inject({
            method: 'POST',
            url: '/auth/signup',
            payload: { email: 'late@example.test', password: 'long enough', invitation: token },
          });
          expect(late.statusCode).toBe(410);
          expect(late.json()).toMatchObject({ error: 'invitation_expired' });
          // The admin's 15-minute access token expired too; refresh it.
          const fresh = (
            await app.inject({
              method: 'POST',
              url: '/auth/refresh',
              payload: { refreshToken: admin.refreshToken },
            })
          ).json() as TestSession;
          const listed = (await call(fresh, 'GET', '/invitations')).json() as {
            invitations: Array<{ status: string }>;
          };
          expect(listed.invitations[0]?.status).toBe('expired');
        });

        it('can be withdrawn before use', async () => {
          const admin = await signUp(app);
          const { token, id } = (await invite(admin, 'parent_creator')).json() as {
            token: string;
            id: string;
          };
          expect((await call(admin, 'DELETE', `/invitations/${id}`)).statusCode).toBe(204);
          expect((await call(admin, 'DELETE', `/invitations/${id}`)).statusCode).toBe(404);
          const res = await app.inject({
            method: 'POST',
            url: '/auth/signup',
            payload: { email: 'w@example.test', password: 'long enough', invitation: token },
          });
          expect(res.json()).toMatchObject({ error: 'invitation_revoked' });
        });

        it('refuses a tampered token, one signed with another key, or an access token in its place', async () => {
          const admin = await signUp(app);
          const { token } = (await invite(admin, 'kids_listen_only')).json() as { token: string };
          const [h, p, sig] = token.split('.') as [string, string, string];
          const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
          const raised = `${h}.${Buffer.from(JSON.stringify({ ...claims, profile: 'admin' })).toString('base64url')}.${sig}`;
          const foreign = await new InvitationTokens(ServiceSecret.generate(), time.clock).sign(
            { invitationId: String(claims.jti), tenantId: admin.tenantId, profile: 'admin' },
            new Date(time.clock().getTime() + 3600_000),
          );
          for (const bad of [raised, foreign, admin.accessToken]) {
            const res = await app.inject({
              method: 'POST',
              url: '/auth/signup',
              payload: { email: 't@example.test', password: 'long enough', invitation: bad },
            });
            expect(res.statusCode).toBe(400);
            expect(res.json()).toMatchObject({ error: 'invitation_invalid' });
          }
          // And an invitation token is no access token.
          expect((await app.inject({ url: '/stories', headers: bearer(token) })).statusCode).toBe(401);
        });

        it('a signed-in member of another tenant can accept, but not twice', async () => {
          const admin = await signUp(app);
          const other = await signUp(app);
          const { token } = (await invite(admin, 'parent_creator')).json() as { token: string };
          const first = await call(other, 'POST', '/invitations/accept', { token });
          expect(first.json()).toMatchObject({ tenantId: admin.tenantId, profile: 'parent_creator' });
          const { token: second } = (await invite(admin, 'parent_creator')).json() as { token: string };
          const again = await call(other, 'POST', '/invitations/accept', { token: second });
          expect(again.statusCode).toBe(409);
          expect(again.json()).toMatchObject({ error: 'already_member' });
        });

        it('respects the member quota', async () => {
          const admin = await signUp(app);
          expect(
            (await call(admin, 'PUT' as 'POST', '/policies/quota.members', { value: 2 })).statusCode,
          ).toBe(200);
          await addMember(app, admin, 'kids_listen_only');
          const { token } = (await invite(admin, 'kids_listen_only')).json() as { token: string };
          const res = await app.inject({
            method: 'POST',
            url: '/auth/signup',
            payload: { email: 'q@example.test', password: 'long enough', invitation: token },
          });
          expect(res.statusCode).toBe(403);
          expect(res.json()).toMatchObject({ error: 'quota_reached' });
        });
      });

      describe('profiles', () => {
        it('lists the four profiles with their permission sets', async () => {
          const admin = await signUp(app);
          const kid = await addMember(app, admin, 'kids_listen_only');
          const res = await call(kid, 'GET', '/profiles');
          const profiles = (
            res.json() as {
              profiles: Array<{ key: string; label: string; permissions: Record<string, boolean> }>;
            }
          ).profiles;
          expect(profiles.map((p) => p.label)).toEqual([
            'Kids Listen-Only',
            'Parent Creator',
            'Teacher',
            'Admin',
          ]);
          expect(profiles[0]?.permissions).toMatchObject({ 'stories.read': true, 'stories.write': false });
          expect(Object.values(profiles[3]?.permissions ?? {}).every(Boolean)).toBe(true);
        });
      });
    },
  );
}
