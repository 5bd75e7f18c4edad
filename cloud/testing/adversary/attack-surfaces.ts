// What an attacker tries, route by route. Each template builds one request from the attacker's
// view (ctx.own: their tenant) and a victim tenant (ctx.victim). The runner adds swapped or
// forged tokens, injected headers and query fields on top. A later domain appends its own
// templates (see README "How to add a domain").
import type { Access } from '../../auth/permissions.js';
import { TEST_PASSWORD } from '../test-app.js';
import type { InvitationTokenSpec } from './attack-tokens.js';
import type { SeededRandom } from './seeded-random.js';
import { SYNC_SURFACE } from './sync-attacks.js';
import { CONSENT_BILLING_SURFACE } from './consent-billing-attacks.js';
import type { Actor, TenantWorld } from './world.js';

export interface ProbeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  query?: Record<string, string>;
  body?: unknown;
}

export interface AttackContext {
  attacker: Actor;
  own: TenantWorld;
  victim: TenantWorld;
  random: SeededRandom;
}

export interface AttackTemplate {
  name: string;
  /** What the route requires; the runner checks that a profile without it never succeeds. */
  permission: Access;
  build(ctx: AttackContext): ProbeRequest;
}

const pick = (ctx: AttackContext, world: TenantWorld, kind: string): string =>
  ctx.random.pick(world.idsOf(kind));

/** Fields a naive server might read a tenant or an owner from. */
function smuggled(ctx: AttackContext): Record<string, string> {
  return {
    tenantId: ctx.victim.tenantId,
    tenant_id: ctx.victim.tenantId,
    accountId: pick(ctx, ctx.victim, 'account'),
    account_id: pick(ctx, ctx.victim, 'account'),
  };
}

function tamperedInvitation(ctx: AttackContext): InvitationTokenSpec {
  const base = ctx.random.pick(ctx.victim.invitationTokens);
  return {
    $invitation: ctx.random.chance(0.5) ? 'tampered' : 'foreign-key',
    base,
    claims: { jti: pick(ctx, ctx.victim, 'invitation'), tenant: ctx.victim.tenantId, profile: 'admin' },
  };
}

export const STORY_SURFACE: AttackTemplate[] = [
  {
    name: 'stories.get-victim',
    permission: 'stories.read',
    build: (c) => ({ method: 'GET', url: `/stories/${pick(c, c.victim, 'story')}` }),
  },
  {
    name: 'stories.put-victim',
    permission: 'stories.write',
    build: (c) => ({
      method: 'PUT',
      url: `/stories/${pick(c, c.victim, 'story')}`,
      body: { title: `pwned-${c.random.text(6)}`, ...smuggled(c) },
    }),
  },
  {
    name: 'stories.delete-victim',
    permission: 'stories.write',
    build: (c) => ({ method: 'DELETE', url: `/stories/${pick(c, c.victim, 'story')}` }),
  },
  {
    name: 'stories.list-filtered',
    permission: 'stories.read',
    build: (c) => ({
      method: 'GET',
      url: '/stories',
      query: {
        ...smuggled(c),
        id: pick(c, c.victim, 'story'),
        updatedSince: '1970-01-01T00:00:00Z',
        where: "1=1' OR tenant_id IS NOT NULL --",
      },
    }),
  },
  {
    name: 'stories.create-smuggled',
    permission: 'stories.write',
    build: (c) => ({
      method: 'PUT',
      url: `/stories/${c.random.uuid()}`,
      body: { title: `own-${c.random.text(6)}`, ...smuggled(c) },
    }),
  },
  {
    name: 'stories.get-own',
    permission: 'stories.read',
    build: (c) => ({ method: 'GET', url: `/stories/${pick(c, c.own, 'story')}` }),
  },
];

export const TENANT_SURFACE: AttackTemplate[] = [
  {
    name: 'tenant.get',
    permission: 'tenant.read',
    build: (c) => ({ method: 'GET', url: '/tenant', query: smuggled(c) }),
  },
  {
    name: 'tenant.rename-smuggled',
    permission: 'tenant.manage',
    build: (c) => ({
      method: 'PATCH',
      url: '/tenant',
      body: { name: `own-name-${c.random.text(4)}`, id: c.victim.tenantId, ...smuggled(c) },
    }),
  },
  {
    name: 'members.list',
    permission: 'members.read',
    build: (c) => ({ method: 'GET', url: '/tenant/members', query: smuggled(c) }),
  },
  {
    name: 'members.promote-victim',
    permission: 'members.manage',
    build: (c) => ({
      method: 'PATCH',
      url: `/tenant/members/${pick(c, c.victim, 'account')}`,
      body: { profile: 'admin', ...smuggled(c) },
    }),
  },
  {
    name: 'members.remove-victim',
    permission: 'members.manage',
    build: (c) => ({ method: 'DELETE', url: `/tenant/members/${pick(c, c.victim, 'account')}` }),
  },
  {
    name: 'members.same-profile-own',
    permission: 'members.manage',
    build: (c) => {
      const member = c.random.pick(c.own.actors.filter((a) => a.profile !== 'admin'));
      return {
        method: 'PATCH',
        url: `/tenant/members/${member.session.accountId}`,
        body: { profile: member.profile, ...smuggled(c) },
      };
    },
  },
];

export const INVITATION_SURFACE: AttackTemplate[] = [
  {
    name: 'invitations.list',
    permission: 'members.invite',
    build: (c) => ({ method: 'GET', url: '/invitations', query: smuggled(c) }),
  },
  {
    name: 'invitations.revoke-victim',
    permission: 'members.invite',
    build: (c) => ({ method: 'DELETE', url: `/invitations/${pick(c, c.victim, 'invitation')}` }),
  },
  {
    name: 'invitations.create-smuggled',
    permission: 'members.invite',
    build: (c) => ({
      method: 'POST',
      url: '/invitations',
      body: { profile: 'kids_listen_only', ...smuggled(c) },
    }),
  },
  {
    name: 'invitations.accept-tampered',
    permission: 'signed-in',
    build: (c) => ({ method: 'POST', url: '/invitations/accept', body: { token: tamperedInvitation(c) } }),
  },
  {
    name: 'signup.with-tampered-invitation',
    permission: 'public',
    build: (c) => ({
      method: 'POST',
      url: '/auth/signup',
      body: {
        email: `intruder-${c.random.text(8)}@attack.test`,
        password: TEST_PASSWORD,
        invitation: tamperedInvitation(c),
      },
    }),
  },
];

export const ACCOUNT_SURFACE: AttackTemplate[] = [
  {
    name: 'me',
    permission: 'signed-in',
    build: (c) => ({ method: 'GET', url: '/auth/me', query: smuggled(c) }),
  },
  {
    name: 'switch-to-victim',
    permission: 'signed-in',
    build: (c) => ({ method: 'POST', url: '/auth/switch', body: { tenantId: c.victim.tenantId } }),
  },
  {
    name: 'login-into-victim',
    permission: 'public',
    build: (c) => ({
      method: 'POST',
      url: '/auth/login',
      body: { email: c.attacker.email, password: c.attacker.password, tenantId: c.victim.tenantId },
    }),
  },
  {
    name: 'refresh-guessed',
    permission: 'public',
    build: (c) => ({
      method: 'POST',
      url: '/auth/refresh',
      body: { refreshToken: `${pick(c, c.victim, 'account')}.${c.random.uuid()}.${c.random.text(43)}` },
    }),
  },
  {
    name: 'logout-victim-guessed',
    permission: 'public',
    build: (c) => ({
      method: 'POST',
      url: '/auth/logout',
      body: { refreshToken: `${pick(c, c.victim, 'account')}.${c.random.uuid()}.${c.random.text(43)}` },
    }),
  },
  {
    name: 'refresh-with-invitation',
    permission: 'public',
    build: (c) => ({
      method: 'POST',
      url: '/auth/refresh',
      body: { refreshToken: c.random.pick(c.victim.invitationTokens) },
    }),
  },
];

export const POLICY_SURFACE: AttackTemplate[] = [
  {
    name: 'profiles.list',
    permission: 'profiles.read',
    build: (c) => ({ method: 'GET', url: '/profiles', query: smuggled(c) }),
  },
  {
    name: 'policies.list',
    permission: 'policies.read',
    build: (c) => ({ method: 'GET', url: '/policies', query: smuggled(c) }),
  },
  {
    name: 'policies.set-smuggled',
    permission: 'policies.manage',
    build: (c) => ({
      method: 'PUT',
      url: '/policies/feature.ai_drafting',
      body: { value: c.random.chance(0.5), ...smuggled(c) },
    }),
  },
  {
    name: 'policies.reset-smuggled',
    permission: 'policies.manage',
    build: (c) => ({ method: 'DELETE', url: '/policies/feature.ai_drafting', query: smuggled(c) }),
  },
];

export const DEFAULT_SURFACES: AttackTemplate[] = [
  ...STORY_SURFACE,
  ...TENANT_SURFACE,
  ...INVITATION_SURFACE,
  ...ACCOUNT_SURFACE,
  ...POLICY_SURFACE,
  ...SYNC_SURFACE,
  ...CONSENT_BILLING_SURFACE,
];
