// Accounts end to end through HTTP, on PGlite and on PostgreSQL: sign-up, sign-in, lockout,
// refresh-token rotation and reuse detection, sign-out, tenant switching, Google and Apple.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../../testing/fake-oidc-provider.js';
import { ManualClock } from '../../testing/manual-clock.js';
import {
  addMember,
  bearer,
  createTestApp,
  signUp,
  TEST_PASSWORD,
  uniqueEmail,
  type TestSession,
} from '../../testing/test-app.js';
import {
  engineTitle,
  openTestDatabase,
  PG_AVAILABLE,
  type TestDatabase,
} from '../../testing/test-databases.js';

const LOCK = { accountMaxFailures: 5, addressMaxFailures: 8, windowSeconds: 900, lockSeconds: 900 };

for (const engine of ['pglite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !PG_AVAILABLE)(`accounts ${engineTitle(engine)}`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let google: FakeProvider;
    let apple: FakeProvider;
    const time = new ManualClock();

    beforeAll(async () => {
      t = await openTestDatabase(engine);
      google = await startFakeProvider('https://accounts.google.com', 'talemo-google-client', time.clock);
      apple = await startFakeProvider('https://appleid.apple.com', 'org.talemo.app', time.clock);
      app = await createTestApp(t.db, {
        clock: time.clock,
        config: {
          lockout: LOCK,
          oidc: {
            google: { issuers: [google.issuer], audiences: [google.audience], jwksUrl: google.jwksUrl },
            apple: { issuers: [apple.issuer], audiences: [apple.audience], jwksUrl: apple.jwksUrl },
          },
        },
      });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await Promise.all([google?.close(), apple?.close()]);
      await t?.dispose();
    });

    const login = (email: string, password: string, remoteAddress = '127.0.0.1', tenantId?: string) =>
      app.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress,
        payload: { email, password, ...(tenantId ? { tenantId } : {}) },
      });
    const refresh = (refreshToken: string) =>
      app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } });
    const me = (s: { accessToken: string }) =>
      app.inject({ url: '/auth/me', headers: bearer(s.accessToken) });

    describe('sign-up and sign-in with a password', () => {
      it('creates the account and a family it administers; the email is stored normalised', async () => {
        const email = uniqueEmail('Parent').toUpperCase();
        const s = await signUp(app, { email, tenant: { kind: 'family', name: 'Martins' } });
        expect(s.profile).toBe('admin');
        const res = await me(s);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({
          email: email.toLowerCase(),
          tenants: [{ id: s.tenantId, name: 'Martins', kind: 'family', profile: 'admin' }],
        });
        expect((res.json() as { permissions: string[] }).permissions).toContain('policies.manage');
      });

      it('refuses a second account with the same email, whatever its case (409)', async () => {
        const s = await signUp(app);
        const res = await app.inject({
          method: 'POST',
          url: '/auth/signup',
          payload: {
            email: ` ${s.email.toUpperCase()} `,
            password: TEST_PASSWORD,
            tenant: { kind: 'school', name: 'X' },
          },
        });
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({ error: 'email_taken' });
      });

      it('asks for a tenant or an invitation (400)', async () => {
        const res = await app.inject({
          method: 'POST',
          url: '/auth/signup',
          payload: { email: uniqueEmail(), password: TEST_PASSWORD },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ error: 'tenant_required' });
      });

      it('signs in with the right password and refuses a wrong one or an unknown email alike (401)', async () => {
        const s = await signUp(app);
        const ok = await login(s.email, TEST_PASSWORD);
        expect(ok.statusCode).toBe(200);
        expect((await me(ok.json())).statusCode).toBe(200);
        const wrong = await login(s.email, 'not the password');
        const unknown = await login(uniqueEmail('nobody'), 'not the password');
        expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
        expect(wrong.json()).toEqual(unknown.json());
      });
    });

    describe('lockout', () => {
      it('locks an email after repeated failures (423, even with the right password), for a while', async () => {
        const s = await signUp(app);
        const address = '10.1.0.1';
        for (let i = 0; i < LOCK.accountMaxFailures; i++)
          expect((await login(s.email, 'guess ' + i, address)).statusCode).toBe(401);
        const locked = await login(s.email, TEST_PASSWORD, address);
        expect(locked.statusCode).toBe(423);
        expect(locked.json()).toMatchObject({ error: 'account_locked' });
        expect((locked.json() as { message: string }).message).toMatch(/try again in 15 minutes/);
        expect(Number(locked.headers['retry-after'])).toBe(LOCK.lockSeconds);
        // From another address too: the lock is on the account.
        expect((await login(s.email, TEST_PASSWORD, '10.1.0.2')).statusCode).toBe(423);
        time.advance(LOCK.lockSeconds + 1);
        expect((await login(s.email, TEST_PASSWORD, address)).statusCode).toBe(200);
      });

      it('refuses an address that guessed too often across emails (429), not other addresses', async () => {
        const victim = await signUp(app);
        const address = '10.2.0.1';
        for (let i = 0; i < LOCK.addressMaxFailures; i++) await login(uniqueEmail('guess'), 'wrong', address);
        const refused = await login(victim.email, TEST_PASSWORD, address);
        expect(refused.statusCode).toBe(429);
        expect(refused.json()).toMatchObject({ error: 'too_many_failed_sign_ins' });
        expect((await login(victim.email, TEST_PASSWORD, '10.2.0.2')).statusCode).toBe(200);
        time.advance(LOCK.lockSeconds + 1);
        expect((await login(victim.email, TEST_PASSWORD, address)).statusCode).toBe(200);
      });

      it('forgets failures older than the window', async () => {
        const s = await signUp(app);
        for (let round = 0; round < 3; round++) {
          for (let i = 0; i < LOCK.accountMaxFailures - 1; i++) await login(s.email, 'wrong', '10.3.0.1');
          time.advance(LOCK.windowSeconds + 1);
        }
        expect((await login(s.email, TEST_PASSWORD, '10.3.0.1')).statusCode).toBe(200);
      });
    });

    describe('refresh tokens', () => {
      it('rotate: each works once and yields a new pair', async () => {
        const s = await signUp(app);
        const first = await refresh(s.refreshToken);
        expect(first.statusCode).toBe(200);
        const next = first.json() as TestSession;
        expect(next.refreshToken).not.toBe(s.refreshToken);
        expect((await me(next)).statusCode).toBe(200);
        expect((await refresh(next.refreshToken)).statusCode).toBe(200);
      });

      it('reuse of a spent token revokes the whole family', async () => {
        const s = await signUp(app);
        const next = (await refresh(s.refreshToken)).json() as TestSession;
        const replay = await refresh(s.refreshToken);
        expect(replay.statusCode).toBe(401);
        expect(replay.json()).toMatchObject({ error: 'refresh_reused' });
        const descendant = await refresh(next.refreshToken);
        expect(descendant.statusCode).toBe(401);
        expect(descendant.json()).toMatchObject({ error: 'refresh_revoked' });
        // Another sign-in (another family) is untouched.
        const other = (await login(s.email, TEST_PASSWORD)).json() as TestSession;
        expect((await refresh(other.refreshToken)).statusCode).toBe(200);
      });

      it('a wrong secret is refused without revoking the real token', async () => {
        const s = await signUp(app);
        const forged = s.refreshToken.replace(/\.[^.]+$/, '.' + 'A'.repeat(43));
        expect((await refresh(forged)).json()).toMatchObject({ error: 'refresh_invalid' });
        expect((await refresh(s.refreshToken)).statusCode).toBe(200);
      });

      it('expire after their lifetime', async () => {
        const s = await signUp(app);
        time.advance(app.cloud.config.refreshTokenTtlSeconds + 60);
        expect((await refresh(s.refreshToken)).json()).toMatchObject({ error: 'refresh_expired' });
      });

      it('logout revokes the family; unknown tokens are ignored', async () => {
        const s = await signUp(app);
        const next = (await refresh(s.refreshToken)).json() as TestSession;
        expect(
          (
            await app.inject({
              method: 'POST',
              url: '/auth/logout',
              payload: { refreshToken: next.refreshToken },
            })
          ).statusCode,
        ).toBe(204);
        expect((await refresh(next.refreshToken)).json()).toMatchObject({ error: 'refresh_revoked' });
        expect(
          (await app.inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken: 'garbage' } }))
            .statusCode,
        ).toBe(204);
      });
    });

    describe('several tenants', () => {
      it('switches between the tenants an account belongs to, and no other', async () => {
        const home = await signUp(app, { tenant: { kind: 'family', name: 'Home' } });
        const school = await signUp(app, { tenant: { kind: 'school', name: 'School' } });
        const invite = await app.inject({
          method: 'POST',
          url: '/invitations',
          headers: bearer(school.accessToken),
          payload: { profile: 'teacher' },
        });
        const accepted = await app.inject({
          method: 'POST',
          url: '/invitations/accept',
          headers: bearer(home.accessToken),
          payload: { token: (invite.json() as { token: string }).token },
        });
        expect(accepted.statusCode).toBe(200);
        expect(accepted.json()).toMatchObject({
          tenantId: school.tenantId,
          profile: 'teacher',
          accountId: home.accountId,
        });

        const switched = await app.inject({
          method: 'POST',
          url: '/auth/switch',
          headers: bearer(home.accessToken),
          payload: { tenantId: school.tenantId },
        });
        expect(switched.json()).toMatchObject({ tenantId: school.tenantId, profile: 'teacher' });
        const listed = (await me(home)).json() as { tenants: Array<{ name: string }> };
        expect(listed.tenants.map((x) => x.name).sort()).toEqual(['Home', 'School']);

        const byLogin = await login(home.email, TEST_PASSWORD, '127.0.0.1', school.tenantId);
        expect(byLogin.json()).toMatchObject({ tenantId: school.tenantId });
        const stranger = await signUp(app);
        const refused = await app.inject({
          method: 'POST',
          url: '/auth/switch',
          headers: bearer(home.accessToken),
          payload: { tenantId: stranger.tenantId },
        });
        expect(refused.statusCode).toBe(403);
        expect((await login(home.email, TEST_PASSWORD, '127.0.0.1', stranger.tenantId)).statusCode).toBe(403);
      });
    });

    describe('Google and Apple', () => {
      const signInWith = (provider: 'google' | 'apple', payload: Record<string, unknown>) =>
        app.inject({ method: 'POST', url: `/auth/${provider}`, payload });

      it('creates an account on first sign-in and finds it again by (issuer, subject)', async () => {
        const idToken = await google.idToken({ sub: 'g-100', email: uniqueEmail('g'), email_verified: true });
        const first = await signInWith('google', { idToken, tenant: { kind: 'family', name: 'Googlers' } });
        expect(first.statusCode).toBe(200);
        expect(first.json()).toMatchObject({ created: true, profile: 'admin' });
        const again = await signInWith('google', { idToken: await google.idToken({ sub: 'g-100' }) });
        expect(again.json()).toMatchObject({
          created: false,
          accountId: (first.json() as TestSession).accountId,
        });
        // The same subject at another issuer is another person.
        const appleSame = await signInWith('apple', {
          idToken: await apple.idToken({ sub: 'g-100' }),
          tenant: { kind: 'family', name: 'A' },
        });
        expect(appleSame.json()).toMatchObject({ created: true });
        expect((appleSame.json() as TestSession).accountId).not.toBe((first.json() as TestSession).accountId);
        expect(google.fetches()).toBeGreaterThanOrEqual(1);
      });

      it('refuses tokens for another audience or issuer, signed by another key, or expired (401)', async () => {
        const cases = [
          await google.idToken({ sub: 'g-200' }, { audience: 'someone-else' }),
          await google.idToken({ sub: 'g-200' }, { issuer: 'https://evil.example' }),
          await google.idToken({ sub: 'g-200' }, { foreignKey: true }),
          await google.idToken({ sub: 'g-200' }, { expiresInSeconds: -120 }),
          (await google.idToken({ sub: 'g-200' })).slice(0, -4) + 'AAAA',
        ];
        const codes = [];
        for (const idToken of cases) {
          const res = await signInWith('google', { idToken, tenant: { kind: 'family', name: 'No' } });
          expect(res.statusCode).toBe(401);
          codes.push((res.json() as { error: string }).error);
        }
        expect(codes).toEqual([
          'id_token_invalid',
          'id_token_invalid',
          'id_token_invalid',
          'id_token_expired',
          'id_token_invalid',
        ]);
      });

      it('checks the nonce when the app sends one', async () => {
        const idToken = await apple.idToken({ sub: 'a-300', nonce: 'n-1' });
        expect(
          (await signInWith('apple', { idToken, nonce: 'n-2', tenant: { kind: 'family', name: 'N' } }))
            .statusCode,
        ).toBe(401);
        expect(
          (await signInWith('apple', { idToken, nonce: 'n-1', tenant: { kind: 'family', name: 'N' } }))
            .statusCode,
        ).toBe(200);
      });

      it('a new identity needs a tenant or an invitation; a verified email already in use is a conflict', async () => {
        const lonely = await signInWith('google', { idToken: await google.idToken({ sub: 'g-400' }) });
        expect(lonely.statusCode).toBe(400);
        const existing = await signUp(app);
        const clash = await signInWith('google', {
          idToken: await google.idToken({ sub: 'g-401', email: existing.email, email_verified: true }),
          tenant: { kind: 'family', name: 'Clash' },
        });
        expect(clash.statusCode).toBe(409);
        // An unverified email is not stored, so it cannot collide (or take over anything).
        const unverified = await signInWith('google', {
          idToken: await google.idToken({ sub: 'g-402', email: existing.email, email_verified: false }),
          tenant: { kind: 'family', name: 'Fine' },
        });
        expect(unverified.statusCode).toBe(200);
      });

      it('links a Google sign-in to a password account; an identity links to one account only', async () => {
        const s = await signUp(app);
        const linked = await app.inject({
          method: 'POST',
          url: '/auth/google/link',
          headers: bearer(s.accessToken),
          payload: { idToken: await google.idToken({ sub: 'g-500' }) },
        });
        expect(linked.statusCode).toBe(204);
        const viaGoogle = await signInWith('google', { idToken: await google.idToken({ sub: 'g-500' }) });
        expect(viaGoogle.json()).toMatchObject({
          accountId: s.accountId,
          tenantId: s.tenantId,
          created: false,
        });
        const other = await signUp(app);
        const again = await app.inject({
          method: 'POST',
          url: '/auth/google/link',
          headers: bearer(other.accessToken),
          payload: { idToken: await google.idToken({ sub: 'g-500' }) },
        });
        expect(again.statusCode).toBe(409);
        expect(again.json()).toMatchObject({ error: 'identity_taken' });
      });

      it('answers 501 for a provider this server has no client id for', async () => {
        const bare = await createTestApp(t.db, { config: { oidc: {} } });
        const res = await bare.inject({
          method: 'POST',
          url: '/auth/apple',
          payload: { idToken: await apple.idToken({ sub: 'a-1' }) },
        });
        expect(res.statusCode).toBe(501);
        expect((res.json() as { message: string }).message).toMatch(/Apple is not set up/);
        await bare.close();
      });
    });

    describe('membership changes take effect at once', () => {
      it('a removed member’s access and refresh tokens stop working', async () => {
        const admin = await signUp(app);
        const kid = await addMember(app, admin, 'kids_listen_only');
        expect((await app.inject({ url: '/stories', headers: bearer(kid.accessToken) })).statusCode).toBe(
          200,
        );
        const removed = await app.inject({
          method: 'DELETE',
          url: `/tenant/members/${kid.accountId}`,
          headers: bearer(admin.accessToken),
        });
        expect(removed.statusCode).toBe(204);
        const after = await app.inject({ url: '/stories', headers: bearer(kid.accessToken) });
        expect(after.statusCode).toBe(401);
        expect(after.json()).toMatchObject({ error: 'membership_ended' });
        expect((await refresh(kid.refreshToken)).json()).toMatchObject({ error: 'refresh_not_member' });
      });
    });
  });
}
