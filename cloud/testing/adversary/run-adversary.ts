// Runs an adversarial campaign against the real app through app.inject: attacker tenants send
// probes built from the attack surfaces at every other tenant, with swapped, forged and
// tampered credentials and smuggled headers and fields; every response is judged
// (leak-oracle.ts); every probe that names another tenant's id is repeated with an id that exists
// nowhere (its twin) and must be answered the same. Afterwards the tenants that never attacked
// must be byte-for-byte unchanged, and their people still signed in.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ServiceSecret } from '../../auth/service-secret.js';
import { bearer } from '../test-app.js';
import { AttackTokens, type AuthSpec, type Claims } from './attack-tokens.js';
import {
  DEFAULT_SURFACES,
  type AttackContext,
  type AttackTemplate,
  type ProbeRequest,
} from './attack-surfaces.js';
import { compareTwins, LeakOracle, type Violation } from './leak-oracle.js';
import { SeededRandom } from './seeded-random.js';
import { tenantFingerprint } from './tenant-fingerprint.js';
import type { Actor, TenantWorld, World } from './world.js';

export interface AdversaryOptions {
  app: FastifyInstance;
  world: World;
  seed: number;
  /** Tenant indexes that attack; the others are only attacked and must stay unchanged. */
  attackers: number[];
  surfaces?: AttackTemplate[];
  /** Stop once this many requests were sent (probes and twins). */
  minRequests?: number;
}

export interface AdversaryReport {
  requests: number;
  twinPairs: number;
  statuses: Record<string, number>;
  bySurface: Record<string, number>;
  byCredential: Record<string, number>;
  violations: Violation[];
  /** Time the probes took (reported, never asserted). */
  milliseconds: number;
}

interface Probe {
  template: AttackTemplate;
  attacker: Actor;
  own: TenantWorld;
  request: ProbeRequest;
  auth: AuthSpec;
  headers: Record<string, string>;
}

function chooseAuth(random: SeededRandom, attacker: Actor, own: TenantWorld, victim: TenantWorld): AuthSpec {
  const victimAccount = random.pick(victim.idsOf('account'));
  // Claims that pair an account with a tenant it does not belong to.
  const swapped: Claims[] = [
    { sub: attacker.session.accountId, tenant: victim.tenantId, profile: 'admin' },
    { sub: victimAccount, tenant: own.tenantId, profile: 'admin' },
  ];
  // Claims that would be the victim's own, which only a broken signature check could accept.
  const impersonated: Claims[] = [
    ...swapped,
    { sub: victimAccount, tenant: victim.tenantId, profile: 'admin' },
  ];
  const roll = random.next();
  if (roll < 0.62) return { kind: 'own' };
  // A genuine signature over swapped claims: only the per-request membership check stops it.
  if (roll < 0.7) return { kind: 'signed', claims: random.pick(swapped) };
  if (roll < 0.78) return { kind: 'tampered', claims: random.pick(impersonated) };
  if (roll < 0.84) return { kind: 'forged', claims: random.pick(impersonated) };
  if (roll < 0.89) return { kind: 'unsigned', claims: random.pick(impersonated) };
  if (roll < 0.93) return { kind: 'raw', token: random.pick(victim.invitationTokens) };
  if (roll < 0.96) return { kind: 'raw', token: attacker.session.refreshToken };
  return { kind: 'none' };
}

function smuggledHeaders(random: SeededRandom, victim: TenantWorld): Record<string, string> {
  if (!random.chance(0.25)) return {};
  return {
    'x-tenant-id': victim.tenantId,
    'x-account-id': random.pick(victim.idsOf('account')),
    'x-forwarded-for': '10.66.6.6',
    'x-original-url': `/stories/${random.pick(victim.idsOf('story'))}`,
  };
}

export async function runAdversary(options: AdversaryOptions): Promise<AdversaryReport> {
  const { app, world } = options;
  const surfaces = options.surfaces ?? DEFAULT_SURFACES;
  const minRequests = options.minRequests ?? 10_000;
  const tokens = new AttackTokens(app.cloud.secret, ServiceSecret.generate());
  const oracle = new LeakOracle(world);
  const report: AdversaryReport = {
    requests: 0,
    twinPairs: 0,
    statuses: {},
    bySurface: {},
    byCredential: {},
    violations: [],
    milliseconds: 0,
  };
  const bystanders = world.tenants.filter((t) => !options.attackers.includes(t.index));
  const before = await Promise.all(bystanders.map((t) => tenantFingerprint(app.cloud.db, t.tenantId)));
  const aliases = new Map<string, string>();
  const alias = (id: string): string => {
    let a = aliases.get(id);
    if (!a) aliases.set(id, (a = randomUUID()));
    return a;
  };

  const send = async (probe: Probe): Promise<{ status: number; body: string; requestText: string }> => {
    const query = probe.request.query ? `?${new URLSearchParams(probe.request.query).toString()}` : '';
    const token = await tokens.bearer(probe.auth, probe.attacker.session.accessToken);
    const body = probe.request.body === undefined ? undefined : await tokens.materialize(probe.request.body);
    const headers = { ...probe.headers, ...(token === undefined ? {} : bearer(token)) };
    const res = await app.inject({
      method: probe.request.method,
      url: probe.request.url + query,
      headers,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    report.requests += 1;
    report.statuses[res.statusCode] = (report.statuses[res.statusCode] ?? 0) + 1;
    return {
      status: res.statusCode,
      body: res.body,
      requestText: JSON.stringify([probe.request.url + query, headers, body]),
    };
  };

  const judge = (probe: Probe, result: { status: number; body: string; requestText: string }) =>
    oracle.judge({
      surface: probe.template.name,
      permission: probe.template.permission,
      auth: probe.auth,
      attackerTenant: probe.own.index,
      attackerProfile: probe.attacker.profile,
      requestText: result.requestText,
      status: result.status,
      body: result.body,
    });

  const lane = async (attackerIndex: number, random: SeededRandom): Promise<void> => {
    const own = world.tenants[attackerIndex];
    if (!own) throw new Error(`No tenant ${attackerIndex} to attack from.`);
    const victims = world.tenants.filter((t) => t !== own);
    while (report.requests < minRequests) {
      const victim = random.pick(victims);
      const attacker = random.pick(own.actors);
      const template = random.pick(surfaces);
      const ctx: AttackContext = { attacker, own, victim, random };
      const probe: Probe = {
        template,
        attacker,
        own,
        request: template.build(ctx),
        auth: chooseAuth(random, attacker, own, victim),
        headers: smuggledHeaders(random, victim),
      };
      report.bySurface[template.name] = (report.bySurface[template.name] ?? 0) + 1;
      report.byCredential[probe.auth.kind] = (report.byCredential[probe.auth.kind] ?? 0) + 1;
      const real = await send(probe);
      report.violations.push(...judge(probe, real));
      // The twin: the same probe with every id of the victim swapped for one that exists nowhere.
      let text = JSON.stringify({ request: probe.request, auth: probe.auth, headers: probe.headers });
      const named = victim.allIds().filter((id) => text.includes(id));
      if (named.length === 0) continue;
      for (const id of named) text = text.replaceAll(id, alias(id));
      const swapped = JSON.parse(text) as Pick<Probe, 'request' | 'auth' | 'headers'>;
      const twinProbe: Probe = { ...probe, ...swapped };
      const twin = await send(twinProbe);
      report.twinPairs += 1;
      report.violations.push(...judge(twinProbe, twin), ...compareTwins(template.name, real, twin));
    }
  };

  const started = performance.now();
  await Promise.all(
    options.attackers.map((index, i) => lane(index, new SeededRandom(options.seed + i * 7919))),
  );
  report.milliseconds = Math.round(performance.now() - started);

  for (const [i, tenant] of bystanders.entries()) {
    const after = await tenantFingerprint(app.cloud.db, tenant.tenantId);
    if (JSON.stringify(after) !== JSON.stringify(before[i])) {
      const changed = after.filter((line) => !before[i]?.includes(line)).slice(0, 3);
      report.violations.push({
        kind: 'write',
        surface: '(after run)',
        detail: `tenant ${tenant.index} changed: ${changed.join(' | ')}`,
      });
    }
    for (const actor of tenant.actors) {
      const me = await app.inject({ url: '/auth/me', headers: bearer(actor.session.accessToken) });
      const refreshed = await app.inject({
        method: 'POST',
        url: '/auth/refresh',
        payload: { refreshToken: actor.session.refreshToken },
      });
      if (me.statusCode !== 200 || refreshed.statusCode !== 200) {
        report.violations.push({
          kind: 'session',
          surface: '(after run)',
          detail: `tenant ${tenant.index} ${actor.profile}: me ${me.statusCode}, refresh ${refreshed.statusCode}`,
        });
      }
    }
  }
  return report;
}
