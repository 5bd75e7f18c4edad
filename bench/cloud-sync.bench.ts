/**
 * Sync pull under load: GET /sync/pull (bearer token verified, membership checked in the
 * transaction, RLS-scoped transaction, one indexed query) against a bare fastify route answering
 * the same JSON body, both on this machine in this run, driven by autocannon (10 connections),
 * interleaved three rounds each, best round kept. On PGlite (no set-up), and also on PostgreSQL
 * when PGPORT is set. Results: throughput as ms per request (1000 / requests per second; the
 * ratio's inverse is "pull rps / bare rps", goal ≥ 0.3) and p99 latency (goal < 20 ms).
 *
 * autocannon runs in this process, so the load generator, the server and (PostgreSQL) the database
 * share the machine's cores: on 2 cores the figures are a ratio of what is left to each, and other
 * work on the machine moves them. The ratio to the bare route, measured interleaved, is what to
 * compare; the process's CPU time per request is printed too, as it moves less.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import type { CloudDatabase } from '../cloud/db/database.js';
import { bearer, createTestApp, signUp } from '../cloud/testing/test-app.js';
import { openTestDatabase, PG_AVAILABLE } from '../cloud/testing/test-databases.js';
import type { BenchResult } from './bench-result';

const STORIES = 60;
const CONNECTIONS = 10;
const SECONDS = 3;
const ROUNDS = 3;

interface Load {
  rps: number;
  p99: number;
  /** This process's CPU time (server and load generator) per request, in µs. */
  cpuUsPerRequest: number;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  const before = process.cpuUsage();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  const cpu = process.cpuUsage(before);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load.`);
  const cpuUsPerRequest = (cpu.user + cpu.system) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p99: result.latency.p99, cpuUsPerRequest };
}

/** A tenant with some synced stories; a client polling with a cursor a few changes behind. */
async function seededPull(db: CloudDatabase): Promise<{ app: FastifyInstance; path: string; token: string }> {
  const app = await createTestApp(db);
  const admin = await signUp(app);
  const changes = Array.from({ length: STORIES }, (_, i) => ({
    opId: `bench-${i}`,
    storyId: randomUUID(),
    baseVersion: 0,
    body: { title: `Story ${i}`, text: 'Once upon a time '.repeat(20) },
  }));
  const push = await app.inject({
    method: 'POST',
    url: '/sync/push',
    headers: bearer(admin.accessToken),
    payload: { deviceId: 'bench', changes },
  });
  if (push.statusCode !== 200) throw new Error(`seeding the bench failed: ${push.body}`);
  return { app, path: `/sync/pull?cursor=${STORIES - 5}&limit=100`, token: admin.accessToken };
}

async function benchOn(engine: 'pglite' | 'postgres'): Promise<BenchResult[]> {
  const t = await openTestDatabase(engine);
  const pull = await seededPull(t.db);
  const bare = Fastify();
  try {
    const sample = await pull.app.inject({ method: 'GET', url: pull.path, headers: bearer(pull.token) });
    const body = sample.json() as unknown;
    bare.get('/bare', async () => body);
    const bareUrl = `${await listen(bare)}/bare`;
    const pullUrl = `${await listen(pull.app)}${pull.path}`;
    await load(bareUrl); // warm-up, both
    await load(pullUrl, bearer(pull.token));
    // Context, not a result: GET /tenant pays the same per-request tenant transaction (token,
    // membership re-read, scoped transaction) with the smallest possible query.
    const tenantUrl = `${pullUrl.slice(0, pullUrl.indexOf('/sync/'))}/tenant`;
    const bares: Load[] = [];
    const pulls: Load[] = [];
    const tenants: Load[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bares.push(await load(bareUrl));
      pulls.push(await load(pullUrl, bearer(pull.token)));
      tenants.push(await load(tenantUrl, bearer(pull.token)));
    }
    const best = (xs: Load[]): Load => ({
      rps: Math.max(...xs.map((x) => x.rps)),
      p99: Math.min(...xs.map((x) => x.p99)),
      cpuUsPerRequest: Math.min(...xs.map((x) => x.cpuUsPerRequest)),
    });
    const b = best(bares);
    const p = best(pulls);
    const tr = best(tenants);
    console.log(
      `cloud sync pull on ${engine}: ${p.rps.toFixed(0)} req/s (p99 ${p.p99} ms) vs bare fastify ${b.rps.toFixed(0)} req/s (p99 ${b.p99} ms)` +
        ` → throughput ratio ${(p.rps / b.rps).toFixed(2)} (goal ≥ 0.3), p99 goal < 20 ms;` +
        ` this process's CPU per request ${p.cpuUsPerRequest.toFixed(0)} µs vs ${b.cpuUsPerRequest.toFixed(0)} µs bare;` +
        ` GET /tenant (same transaction path, trivial query): ${tr.rps.toFixed(0)} req/s (p99 ${tr.p99} ms)`,
    );
    return [
      {
        name: `cloud sync pull throughput (${engine})`,
        baseline: 'bare fastify route',
        ms: 1000 / p.rps,
        baselineMs: 1000 / b.rps,
      },
      {
        name: `cloud sync pull p99 (${engine})`,
        baseline: 'bare fastify route p99',
        ms: p.p99,
        baselineMs: Math.max(b.p99, 1),
      },
    ];
  } finally {
    await bare.close();
    await pull.app.close();
    await t.dispose();
  }
}

export async function benchCloudSync(): Promise<BenchResult[] | null> {
  const results = await benchOn('pglite');
  if (PG_AVAILABLE) results.push(...(await benchOn('postgres')));
  else console.log('cloud sync pull on PostgreSQL: skipped (PGPORT is not set)');
  return results;
}
