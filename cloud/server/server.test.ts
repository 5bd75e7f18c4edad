// The HTTP plumbing every domain relies on: health and readiness, OpenAPI, the permission
// declaration check, token and body-size rejections, rate limits and log hygiene.
import { Writable } from 'node:stream';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AccessTokens } from '../auth/access-tokens.js';
import { ServiceSecret } from '../auth/service-secret.js';
import { ManualClock } from '../testing/manual-clock.js';
import { bearer, createTestApp, signUp, TEST_PASSWORD, type TestSession } from '../testing/test-app.js';
import { openPgliteTestDatabase, type TestDatabase } from '../testing/test-databases.js';
import { DOMAINS } from './domains.js';
import { defineRoute } from './route.js';

let t: TestDatabase;
let app: FastifyInstance;
let admin: TestSession;
const secret = ServiceSecret.generate();

beforeAll(async () => {
  t = await openPgliteTestDatabase();
  app = await createTestApp(t.db, { secret });
  admin = await signUp(app);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.dispose();
});

describe('health and readiness', () => {
  it('GET /health answers 200 {status: ok}', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready answers 200 once the database has every migration', async () => {
    const res = await app.inject('/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ready',
      engine: 'pglite',
      migrations: app.cloud.migrations.length,
    });
  });

  it('GET /ready answers 503 naming the migration the database lacks', async () => {
    const lagging = await createTestApp(t.db, { secret });
    // This build "knows" one more migration than the database has.
    lagging.cloud.migrations = [
      ...lagging.cloud.migrations,
      { version: 9999, name: 'not_yet', sql: 'SELECT 1', checksum: 'x' },
    ];
    const res = await lagging.inject('/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: 'not_ready',
      message: 'Database migrations 9999 are not applied yet.',
    });
    await lagging.close();
  });
});

describe('OpenAPI', () => {
  it('documents every route with its permission and schemas', async () => {
    const res = await app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([m, op]) => ({ p, m, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(25);
    for (const { p, m, op } of operations) {
      expect(op.summary, `${m} ${p}`).toBeTruthy();
      expect(String(op.description), `${m} ${p}`).toMatch(
        /^(No sign-in needed|Needs a valid access token|Needs permission `[a-z.]+`)/,
      );
      expect(op.responses, `${m} ${p}`).toBeTruthy();
    }
    const storyPut = doc.paths['/stories/{id}']?.put as {
      security?: unknown;
      requestBody?: unknown;
      description: string;
    };
    expect(storyPut.security).toEqual([{ bearer: [] }]);
    expect(storyPut.requestBody).toBeTruthy();
    expect(storyPut.description).toContain('`stories.write`');
  });
});

describe('route declarations', () => {
  const build = (plugin: FastifyPluginAsync) =>
    createTestApp(t.db, { domains: [...DOMAINS, { plugin, prefix: '/extra' }] });

  it('refuses to start when a route declares no permission', async () => {
    await expect(
      build(async (a) => {
        a.get('/raw', async () => ({ hello: 'world' }));
      }),
    ).rejects.toThrow(/GET \/extra\/raw declares no permission/);
  });

  it('refuses to start when a route names an unknown permission', async () => {
    await expect(
      build(async (a) => {
        defineRoute(a, {
          method: 'GET',
          url: '/x',
          permission: 'stories.destroy' as 'stories.read',
          summary: 'x',
          handler: async () => undefined,
        });
      }),
    ).rejects.toThrow(/unknown permission "stories.destroy"/);
  });

  it('refuses a hand-written JSON schema (validation must come from zod)', async () => {
    await expect(
      build(async (a) => {
        a.post(
          '/y',
          { config: { permission: 'public' }, schema: { body: { type: 'object' } } },
          async () => 'y',
        );
      }),
    ).rejects.toThrow(/must be declared with defineRoute/);
  });
});

describe('tokens and bodies', () => {
  it('rejects a request without a token with 401 and says why', async () => {
    const res = await app.inject('/stories');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'missing_token' });
  });

  it('rejects an expired access token with 401 token_expired', async () => {
    const past = new ManualClock(new Date(Date.now() - 3600_000));
    const old = await new AccessTokens(secret, past.clock, 900).issue({
      accountId: admin.accountId,
      tenantId: admin.tenantId,
      profile: 'admin',
    });
    const res = await app.inject({ url: '/stories', headers: bearer(old.token) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'token_expired' });
    expect(res.headers['www-authenticate']).toContain('invalid_token');
  });

  it('rejects a token whose payload was edited (tenant swapped) with 401', async () => {
    const [header, payload, signature] = admin.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    claims.profile = 'admin';
    claims.tenant = '00000000-0000-4000-8000-000000000000';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const res = await app.inject({ url: '/stories', headers: bearer(forged) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('rejects unsigned (alg none) and foreign-key tokens with 401', async () => {
    const body = {
      sub: admin.accountId,
      tenant: admin.tenantId,
      profile: 'admin',
      iss: 'talemo-cloud',
      aud: 'talemo-cloud/access',
    };
    const none = `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...body, exp: 2e9 })).toString('base64url')}.`;
    const foreign = await new SignJWT(body)
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setExpirationTime('10m')
      .sign(new Uint8Array(32).fill(7));
    for (const token of [none, foreign, 'not-a-token', admin.refreshToken]) {
      const res = await app.inject({ url: '/stories', headers: bearer(token) });
      expect(res.statusCode, token.slice(0, 20)).toBe(401);
    }
  });

  it('rejects a body over the limit with 413', async () => {
    const huge = 'x'.repeat(app.cloud.config.bodyLimitBytes + 10);
    const res = await app.inject({
      method: 'PUT',
      url: '/stories/7a1b8c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      headers: { ...bearer(admin.accessToken), 'content-type': 'application/json' },
      payload: JSON.stringify({ title: huge }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('rejects malformed JSON with 400 and invalid fields with a message naming the field', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_json' });
    const invalid = await app.inject({
      method: 'POST',
      url: '/auth/signup',
      payload: { email: 'not-an-email', password: TEST_PASSWORD },
    });
    expect(invalid.statusCode).toBe(400);
    expect((invalid.json() as { message: string }).message).toMatch(/body\.email/);
  });

  it('answers unknown routes with 404', async () => {
    const res = await app.inject('/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once an address exceeds the sign-in limit', async () => {
    const limited = await createTestApp(t.db, {
      config: { rateLimit: { max: 1000, authMax: 3, windowSeconds: 60 } },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await limited.inject({
        method: 'POST',
        url: '/auth/refresh',
        payload: { refreshToken: 'nope' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json()).toMatchObject({ error: 'rate_limited' });
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Other routes keep the global limit.
    expect((await limited.inject('/health')).statusCode).toBe(200);
    await limited.close();
  });
});

describe('logs', () => {
  it('hold no email, password, token or request body', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const probe: FastifyPluginAsync = async (a) => {
      defineRoute(a, {
        method: 'POST',
        url: '/echo',
        permission: 'public',
        summary: 'logs what a careless handler might',
        body: z.object({ note: z.string() }),
        handler: async ({ body, request }) => {
          request.log.info(
            { email: 'leak@example.test', nested: { password: 'hunter22' } },
            `note ${body.note}`,
          );
          throw new Error(`failed for kid@example.test with ${admin.accessToken}`);
        },
      });
    };
    const logged = await createTestApp(t.db, {
      config: { logLevel: 'info' },
      logStream: stream,
      domains: [...DOMAINS, { plugin: probe, prefix: '/probe' }],
    });
    const email = 'Secret.Person@Example.test';
    const signup = await logged.inject({
      method: 'POST',
      url: '/auth/signup',
      payload: { email, password: 'my secret words', tenant: { kind: 'family', name: 'Logs' } },
    });
    const session = signup.json() as TestSession;
    await logged.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email, password: 'wrong password!' },
    });
    await logged.inject({
      url: '/auth/me?email=secret.person@example.test',
      headers: bearer(session.accessToken),
    });
    const echo = await logged.inject({
      method: 'POST',
      url: '/probe/echo',
      payload: { note: 'call mum@example.test' },
    });
    expect(echo.statusCode).toBe(500);
    expect(echo.json()).toEqual({
      error: 'internal_error',
      message: 'Something went wrong on the server; please try again.',
    });
    await logged.close();

    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThan(8);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    for (const secretText of [
      email.toLowerCase(),
      email,
      'my secret words',
      'wrong password!',
      'hunter22',
      'leak@example.test',
      'kid@example.test',
      'mum@example.test',
      session.accessToken,
      session.refreshToken,
      admin.accessToken,
      'Bearer ey',
      '127.0.0.1',
    ]) {
      expect(text, secretText).not.toContain(secretText);
    }
    // What is logged is still useful: method, path and status of each request, and the 500's cause.
    expect(text).toContain('"path":"/auth/me"');
    expect(text).toContain('"statusCode":401');
    expect(text).toContain('failed for [email] with [token]');
  });
});
