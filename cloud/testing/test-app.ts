// Builds the real app for a test, on a database the test file opened once. Argon2id stays
// argon2id but with small parameters, and rate limits are off unless a test turns them on.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ServiceSecret } from '../auth/service-secret.js';
import type { Clock } from '../auth/clock.js';
import type { CloudDatabase } from '../db/database.js';
import { buildApp } from '../server/build-app.js';
import { DEFAULT_LOCKOUT, loadConfig, type CloudConfig } from '../server/config.js';
import type { Domain } from '../server/domains.js';
import { createServices } from '../server/services-factory.js';

export const TEST_ARGON2 = { memoryKiB: 64, iterations: 1, parallelism: 1 };

let dataDir: string | undefined;
/** One temporary data folder per test process, removed when the process exits. */
function testDataDir(): string {
  if (!dataDir) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'talemo-cloud-test-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    dataDir = dir;
  }
  return dataDir;
}

export function testConfig(overrides: Partial<CloudConfig> = {}): CloudConfig {
  const base = loadConfig({ CLOUD_DATA_DIR: testDataDir() });
  return {
    ...base,
    logLevel: 'silent',
    argon2: TEST_ARGON2,
    rateLimit: false,
    lockout: DEFAULT_LOCKOUT,
    ...overrides,
  };
}

export interface TestAppOptions {
  config?: Partial<CloudConfig>;
  clock?: Clock;
  secret?: ServiceSecret;
  logStream?: Writable;
  domains?: Domain[];
}

export async function createTestApp(
  db: CloudDatabase,
  options: TestAppOptions = {},
): Promise<FastifyInstance> {
  const config = testConfig(options.config);
  const services = await createServices(config, {
    db,
    secret: options.secret ?? ServiceSecret.generate(),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = await buildApp(services, {
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.domains ? { domains: options.domains } : {}),
  });
  await app.ready();
  return app;
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

export interface TestSession {
  accessToken: string;
  refreshToken: string;
  accountId: string;
  tenantId: string;
  profile: string;
}

let counter = 0;
/** A unique email per call, so tests sharing a database never collide. */
export function uniqueEmail(label = 'person'): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export const TEST_PASSWORD = 'a long enough passphrase';

function expectStatus(res: LightMyRequestResponse, status: number, what: string): void {
  if (res.statusCode !== status)
    throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
}

export async function signUp(
  app: FastifyInstance,
  options: {
    email?: string;
    password?: string;
    tenant?: { kind: 'family' | 'school'; name: string };
    invitation?: string;
  } = {},
): Promise<TestSession & { email: string }> {
  const email = options.email ?? uniqueEmail();
  const body = {
    email,
    password: options.password ?? TEST_PASSWORD,
    ...(options.invitation
      ? { invitation: options.invitation }
      : { tenant: options.tenant ?? { kind: 'family', name: 'The Testers' } }),
  };
  const res = await app.inject({ method: 'POST', url: '/auth/signup', payload: body });
  expectStatus(res, 201, 'sign-up');
  return { ...(res.json() as TestSession), email };
}

/** An admin invites a new person with `profile`; they sign up with it. */
export async function addMember(
  app: FastifyInstance,
  admin: TestSession,
  profile: string,
): Promise<TestSession & { email: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/invitations',
    headers: bearer(admin.accessToken),
    payload: { profile },
  });
  expectStatus(res, 201, 'invite');
  return signUp(app, { invitation: (res.json() as { token: string }).token });
}
