// The seeded world an adversarial run attacks: several tenants, each with people of different
// profiles and data, all created through the real HTTP routes. Every string a tenant owns that
// another must never see (names, titles, emails, ids, tokens) is recorded as one of its secrets.
// A later domain adds a Seeder that creates its data and records its ids and secrets.
import type { FastifyInstance } from 'fastify';
import { addMember, bearer, signUp, TEST_PASSWORD, type TestSession } from '../test-app.js';
import type { SeededRandom } from './seeded-random.js';
import { seedSync } from './sync-attacks.js';
import { seedChildren } from './consent-billing-attacks.js';

export interface Actor {
  session: TestSession;
  email: string;
  password: string;
  /** The profile the actor was seeded with (the run never changes it). */
  profile: string;
}

export class TenantWorld {
  readonly actors: Actor[] = [];
  /** Ids by kind: 'tenant', 'account', 'story', 'invitation', … (a later domain adds kinds). */
  readonly ids = new Map<string, string[]>();
  /** Strings only this tenant may ever see. */
  readonly secrets = new Set<string>();
  /** Signed invitation tokens still pending. */
  readonly invitationTokens: string[] = [];

  constructor(
    readonly index: number,
    readonly tenantId: string,
    readonly name: string,
  ) {
    this.addId('tenant', tenantId);
    this.secrets.add(name);
  }

  addId(kind: string, id: string): void {
    const list = this.ids.get(kind) ?? [];
    list.push(id);
    this.ids.set(kind, list);
    this.secrets.add(id);
  }

  idsOf(kind: string): string[] {
    return this.ids.get(kind) ?? [];
  }

  allIds(): string[] {
    return [...this.ids.values()].flat();
  }

  admin(): Actor {
    const admin = this.actors.find((a) => a.profile === 'admin');
    if (!admin) throw new Error(`Tenant ${this.index} has no admin.`);
    return admin;
  }
}

export interface SeedContext {
  app: FastifyInstance;
  tenant: TenantWorld;
  random: SeededRandom;
}

/** Creates some of a tenant's data after its people exist. */
export type Seeder = (ctx: SeedContext) => Promise<void>;

function expectOk(res: { statusCode: number; body: string }, what: string): void {
  if (res.statusCode >= 300) throw new Error(`Seeding ${what} failed: ${res.statusCode} ${res.body}`);
}

export const seedStories: Seeder = async ({ app, tenant, random }) => {
  const admin = tenant.admin();
  for (let k = 0; k < 5; k++) {
    const id = random.uuid();
    const title = `secret-story-${tenant.index}-${k}-${random.text(10)}`;
    const res = await app.inject({
      method: 'PUT',
      url: `/stories/${id}`,
      headers: bearer(admin.session.accessToken),
      payload: { title },
    });
    expectOk(res, 'a story');
    tenant.addId('story', id);
    tenant.secrets.add(title);
  }
};

export const seedInvitations: Seeder = async ({ app, tenant }) => {
  for (const profile of ['parent_creator', 'kids_listen_only']) {
    const res = await app.inject({
      method: 'POST',
      url: '/invitations',
      headers: bearer(tenant.admin().session.accessToken),
      payload: { profile },
    });
    expectOk(res, 'an invitation');
    const { id, token } = res.json() as { id: string; token: string };
    tenant.addId('invitation', id);
    tenant.invitationTokens.push(token);
    tenant.secrets.add(token);
  }
};

export const seedPolicies: Seeder = async ({ app, tenant }) => {
  const headers = bearer(tenant.admin().session.accessToken);
  // High enough that no run reaches it (a quota hit halfway would make twin probes differ).
  expectOk(
    await app.inject({
      method: 'PUT',
      url: '/policies/quota.stories',
      headers,
      payload: { value: 90_000 + tenant.index },
    }),
    'a policy',
  );
  expectOk(
    await app.inject({
      method: 'PUT',
      url: '/policies/feature.sync',
      headers,
      payload: { value: tenant.index % 2 === 0 },
    }),
    'a policy',
  );
};

// seedSync runs before seedPolicies, which turns sync off for some tenants.
export const DEFAULT_SEEDERS: Seeder[] = [seedStories, seedInvitations, seedSync, seedPolicies, seedChildren];

const PEOPLE = ['parent_creator', 'kids_listen_only', 'teacher'];

export interface World {
  tenants: TenantWorld[];
  /** Which tenant owns each secret string. */
  owner: Map<string, number>;
}

export async function seedWorld(
  app: FastifyInstance,
  random: SeededRandom,
  count = 4,
  seeders: Seeder[] = DEFAULT_SEEDERS,
): Promise<World> {
  const tenants: TenantWorld[] = [];
  for (let i = 0; i < count; i++) {
    const name = `secret-tenant-${i}-${random.text(10)}`;
    const email = `admin-${i}-${random.text(8)}@secret.test`;
    const admin = await signUp(app, { email, tenant: { kind: i % 2 === 0 ? 'family' : 'school', name } });
    const tenant = new TenantWorld(i, admin.tenantId, name);
    const actors: Actor[] = [{ session: admin, email, password: TEST_PASSWORD, profile: 'admin' }];
    for (const profile of PEOPLE) {
      const member = await addMember(app, admin, profile);
      actors.push({ session: member, email: member.email, password: TEST_PASSWORD, profile });
    }
    for (const actor of actors) {
      tenant.actors.push(actor);
      tenant.addId('account', actor.session.accountId);
      for (const s of [actor.email, actor.session.accessToken, actor.session.refreshToken])
        tenant.secrets.add(s);
    }
    tenants.push(tenant);
  }
  for (const tenant of tenants) for (const seed of seeders) await seed({ app, tenant, random });
  const owner = new Map<string, number>();
  for (const t of tenants) for (const s of t.secrets) owner.set(s, t.index);
  return { tenants, owner };
}
