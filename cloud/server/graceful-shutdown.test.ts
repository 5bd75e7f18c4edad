// Shutdown: requests in flight finish, new connections are refused, the database closes.
import type { FastifyPluginAsync } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceSecret } from '../auth/service-secret.js';
import { testConfig } from '../testing/test-app.js';
import { openPgliteTestDatabase, type TestDatabase } from '../testing/test-databases.js';
import { DOMAINS } from './domains.js';
import { installGracefulShutdown } from './graceful-shutdown.js';
import { defineRoute } from './route.js';
import { startServer } from './start-server.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openPgliteTestDatabase();
}, 60_000);
afterAll(() => t?.dispose());

describe('closing the server', () => {
  it('lets a request in flight finish, then refuses connections and closes the database', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const slow: FastifyPluginAsync = async (app) => {
      defineRoute(app, {
        method: 'GET',
        url: '/slow',
        permission: 'public',
        summary: 'answers when the test says so',
        handler: async ({ db }) => {
          started();
          await new Promise<void>((resolve) => (release = resolve));
          await db.ping(); // the database is still open while a request is in flight
          return undefined;
        },
      });
    };
    const server = await startServer(
      testConfig({ port: 0 }),
      { db: t.db, secret: ServiceSecret.generate() },
      {
        domains: [...DOMAINS, { plugin: slow, prefix: '/test' }],
      },
    );
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const pending = fetch(`${server.url}/test/slow`);
    await inFlight;
    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    expect(t.db.closed).toBe(false);
    release();
    const finished = await pending;
    expect(finished.status).toBe(200);
    expect(finished.headers.get('connection')).toBe('close');
    await closing;
    expect(t.db.closed).toBe(true);
  });
});

describe('signals', () => {
  it('SIGTERM closes once and exits 0; a second signal exits 1 at once', async () => {
    const exits: number[] = [];
    let finish: () => void = () => undefined;
    let closes = 0;
    const server = {
      close: () => {
        closes += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    };
    const messages: string[] = [];
    const log = { info: (m: string) => messages.push(m), error: (m: string) => messages.push(m) };
    const uninstall = installGracefulShutdown(server, log, (code) => exits.push(code));
    try {
      process.emit('SIGTERM', 'SIGTERM');
      process.emit('SIGINT', 'SIGINT');
      expect(exits).toEqual([1]);
      finish();
      await new Promise((resolve) => setImmediate(resolve));
      expect(exits).toEqual([1, 0]);
      expect(closes).toBe(1);
      expect(messages[0]).toMatch(/SIGTERM: finishing requests in flight/);
    } finally {
      uninstall();
    }
  });
});
