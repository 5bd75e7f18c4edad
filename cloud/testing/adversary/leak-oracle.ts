// Decides whether one response gave anything away. Three questions:
// - leak: does the body contain a string owned by another tenant that this attacker never sent?
// - inference: does asking about another tenant's real id answer differently from asking about
//   an id that exists nowhere (the twin probe)? If so, existence leaks even without data.
// - the gates: a forged or foreign credential must get 401, a profile without the route's
//   permission must never succeed.
import { isPermission, type Access } from '../../auth/permissions.js';
import { profileAllows } from '../../auth/permission-profiles.js';
import type { AuthSpec } from './attack-tokens.js';
import type { World } from './world.js';

export type ViolationKind =
  'leak' | 'inference' | 'escalation' | 'bad-credential-accepted' | 'server-error' | 'write' | 'session';

export interface Violation {
  kind: ViolationKind;
  surface: string;
  detail: string;
}

export interface Exchange {
  surface: string;
  permission: Access;
  auth: AuthSpec;
  attackerTenant: number;
  attackerProfile: string;
  /** The request as sent (url, headers, body), used for "what did the attacker already know". */
  requestText: string;
  status: number;
  body: string;
}

export class LeakOracle {
  /** Per attacker tenant: secrets of others it has itself sent (echoing those back is no leak). */
  readonly #known = new Map<number, Set<string>>();

  constructor(private readonly world: World) {}

  #knownBy(tenant: number): Set<string> {
    let set = this.#known.get(tenant);
    if (!set) this.#known.set(tenant, (set = new Set()));
    return set;
  }

  /** Records what the request revealed to its sender, then judges the response. */
  judge(x: Exchange): Violation[] {
    const out: Violation[] = [];
    const known = this.#knownBy(x.attackerTenant);
    for (const [secret, owner] of this.world.owner) {
      if (owner !== x.attackerTenant && x.requestText.includes(secret)) known.add(secret);
    }
    if (x.status >= 500)
      out.push({ kind: 'server-error', surface: x.surface, detail: `${x.status} ${x.body.slice(0, 200)}` });
    for (const [secret, owner] of this.world.owner) {
      if (owner === x.attackerTenant || known.has(secret)) continue;
      if (x.body.includes(secret)) {
        out.push({
          kind: 'leak',
          surface: x.surface,
          detail: `tenant ${owner}'s "${secret.slice(0, 60)}" reached tenant ${x.attackerTenant} (status ${x.status})`,
        });
      }
    }
    if (x.auth.kind !== 'own' && x.permission !== 'public' && x.status !== 401) {
      out.push({
        kind: 'bad-credential-accepted',
        surface: x.surface,
        detail: `${x.auth.kind} credential answered ${x.status}, not 401`,
      });
    }
    if (
      x.auth.kind === 'own' &&
      isPermission(x.permission) &&
      !profileAllows(x.attackerProfile, x.permission) &&
      x.status < 400
    ) {
      out.push({
        kind: 'escalation',
        surface: x.surface,
        detail: `${x.attackerProfile} got ${x.status} on a route needing ${x.permission}`,
      });
    }
    return out;
  }
}

/** Bodies of a probe and its twin, minus what is expected to differ (fresh ids, tokens, times). */
export function normaliseBody(body: string): string {
  return body
    .replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, 'JWT')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, 'UUID')
    .replace(/UUID\.UUID\.[\w-]+/g, 'REFRESH')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'TIME');
}

export function compareTwins(
  surface: string,
  real: { status: number; body: string },
  twin: { status: number; body: string },
): Violation[] {
  if (real.status !== twin.status) {
    return [
      {
        kind: 'inference',
        surface,
        detail: `another tenant's id answered ${real.status}, an unknown id ${twin.status}`,
      },
    ];
  }
  if (normaliseBody(real.body) !== normaliseBody(twin.body)) {
    return [
      {
        kind: 'inference',
        surface,
        detail: `bodies differ: ${real.body.slice(0, 120)} | ${twin.body.slice(0, 120)}`,
      },
    ];
  }
  return [];
}
