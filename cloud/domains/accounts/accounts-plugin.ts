// Sign-up, sign-in (password, Google, Apple), refresh, sign-out, switching tenant, and "who am I".
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { PROVIDER_LABEL, type ProviderName, type VerifiedIdentity } from '../../auth/id-token-verifier.js';
import { ADMIN_PROFILE, PROFILES } from '../../auth/permission-profiles.js';
import type { Permission } from '../../auth/permissions.js';
import { BadRequestError, UnauthorizedError } from '../../server/http-errors.js';
import { defineRoute } from '../../server/route.js';
import type { CloudServices } from '../../server/services.js';
import { acceptInvitation } from '../invitations/accept-invitation.js';
import {
  chooseMembership,
  createTenant,
  findIdentityAccount,
  findPasswordAccount,
  insertAccount,
  insertIdentity,
  membershipsOf,
  normaliseEmail,
} from './account-store.js';
import { sessionFrom, sessionSchema, startSession, type Session } from './session.js';

// Trimmed and lower-cased before it is checked: one person, one spelling.
const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
// NIST SP 800-63B: at least 8 characters, allow long passphrases, no composition rules.
const password = z.string().min(8, 'Use at least 8 characters.').max(256);
const newTenant = z.object({ kind: z.enum(['family', 'school']), name: z.string().trim().min(1).max(120) });
const invitationToken = z.string().min(20).max(2048);

const REFRESH_FAILURES: Record<string, string> = {
  invalid: 'The refresh token is not valid; sign in again.',
  expired: 'Your sign-in has expired; sign in again.',
  revoked: 'You have signed out on this device; sign in again.',
  reused:
    'This refresh token was already used, so every session from that sign-in was ended for safety; sign in again.',
  not_member: 'You are no longer a member of this family or school; sign in again.',
};

/** Creates a new account and places it in a new tenant or in the invitation's tenant. */
async function createAccount(
  services: CloudServices,
  emailAddress: string | null,
  passwordHash: string | null,
  join: { tenant?: z.infer<typeof newTenant>; invitation?: string },
  identity?: VerifiedIdentity,
): Promise<Session> {
  if (join.tenant && join.invitation)
    throw new BadRequestError('Send either a tenant to create or an invitation, not both.');
  if (!join.tenant && !join.invitation) {
    throw new BadRequestError(
      'A new account needs a family or school to create (tenant) or an invitation.',
      'tenant_required',
    );
  }
  const accountId = randomUUID();
  const claims = join.invitation ? await services.invitationTokens.verify(join.invitation) : undefined;
  const tenantId = claims?.tenantId ?? randomUUID();
  const tenant = join.tenant;
  const now = services.clock();
  return services.db.transaction({ tenantId, accountId }, async (tx) => {
    await insertAccount(tx, accountId, emailAddress, passwordHash, now);
    if (identity) await insertIdentity(tx, accountId, identity.issuer, identity.subject, now);
    let profile = ADMIN_PROFILE;
    if (claims) profile = await acceptInvitation(tx, claims, accountId, now);
    else if (tenant) await createTenant(tx, { id: tenantId, ...tenant }, accountId, now);
    return startSession(services, tx, accountId, tenantId, profile);
  });
}

async function signInTo(
  services: CloudServices,
  accountId: string,
  tenantId: string | undefined,
): Promise<Session> {
  const chosen = await services.db.transaction({ accountId }, (tx) =>
    chooseMembership(tx, accountId, tenantId),
  );
  return services.db.transaction({ accountId, tenantId: chosen.tenant_id }, (tx) =>
    startSession(services, tx, accountId, chosen.tenant_id, chosen.profile),
  );
}

export const accountsPlugin: FastifyPluginAsync = async (app) => {
  const limit = app.cloud.config.rateLimit;
  const authLimit = limit ? { max: limit.authMax, timeWindowSeconds: limit.windowSeconds } : undefined;

  defineRoute(app, {
    method: 'POST',
    url: '/signup',
    permission: 'public',
    summary:
      'Create an account with email and password, and a new family or school (or join one by invitation).',
    body: z.object({ email, password, tenant: newTenant.optional(), invitation: invitationToken.optional() }),
    status: 201,
    response: sessionSchema,
    errors: [409, 410],
    ...(authLimit ? { rateLimit: authLimit } : {}),
    handler: async ({ body, services }) => {
      const hash = await services.passwords.hash(body.password);
      return createAccount(services, normaliseEmail(body.email), hash, body);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/login',
    permission: 'public',
    summary: 'Sign in with email and password.',
    description: `Locks the email for a while after repeated failures (423), and the client address too (429).`,
    body: z.object({
      email: z.string().max(254),
      password: z.string().max(256),
      tenantId: z.uuid().optional(),
    }),
    response: sessionSchema,
    errors: [423, 429],
    ...(authLimit ? { rateLimit: authLimit } : {}),
    handler: async ({ body, services, request }) => {
      const address = normaliseEmail(body.email);
      await services.lockout.check(address, request.ip);
      const account = await findPasswordAccount(services.db, address);
      const ok = account?.password_hash
        ? await services.passwords.verify(body.password, account.password_hash)
        : await services.passwords.verifyNothing(body.password);
      if (!ok || !account) {
        await services.lockout.recordFailure(address, request.ip);
        throw new UnauthorizedError('The email or password is not right.', 'invalid_credentials');
      }
      await services.lockout.recordSuccess(address, request.ip);
      return signInTo(services, account.id, body.tenantId);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/refresh',
    permission: 'public',
    summary: 'Trade a refresh token (once) for a new access token and refresh token.',
    body: z.object({ refreshToken: z.string().max(200) }),
    response: sessionSchema,
    ...(authLimit ? { rateLimit: authLimit } : {}),
    handler: async ({ body, services }) => {
      const result = await services.refreshTokens.rotate(body.refreshToken);
      if (!result.ok)
        throw new UnauthorizedError(
          REFRESH_FAILURES[result.reason] ?? 'Sign in again.',
          `refresh_${result.reason}`,
        );
      return sessionFrom(services, result.accountId, result.tenantId, result.profile, result.refresh);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/logout',
    permission: 'public',
    summary: 'Sign out: revoke this refresh token and every token from the same sign-in.',
    body: z.object({ refreshToken: z.string().max(200) }),
    status: 204,
    handler: async ({ body, services }) => {
      await services.refreshTokens.revoke(body.refreshToken);
    },
  });

  for (const provider of ['google', 'apple'] as const satisfies ProviderName[]) {
    const label = PROVIDER_LABEL[provider];
    defineRoute(app, {
      method: 'POST',
      url: `/${provider}`,
      permission: 'public',
      summary: `Sign in with ${label} (its ID token); a new account also needs a tenant to create or an invitation.`,
      body: z.object({
        idToken: z.string().min(20).max(8192),
        nonce: z.string().max(256).optional(),
        tenantId: z.uuid().optional(),
        tenant: newTenant.optional(),
        invitation: invitationToken.optional(),
      }),
      response: sessionSchema.extend({ created: z.boolean() }),
      errors: [409, 410, 501, 502],
      ...(authLimit ? { rateLimit: authLimit } : {}),
      handler: async ({ body, services }) => {
        const identity = await services.idTokens.verify(provider, body.idToken, body.nonce);
        const accountId = await findIdentityAccount(services.db, identity.issuer, identity.subject);
        if (accountId) return { ...(await signInTo(services, accountId, body.tenantId)), created: false };
        // Only an email the provider vouches for is stored (and so can collide with a password account).
        const verifiedEmail = identity.emailVerified && identity.email ? identity.email : null;
        return { ...(await createAccount(services, verifiedEmail, null, body, identity)), created: true };
      },
    });

    defineRoute(app, {
      method: 'POST',
      url: `/${provider}/link`,
      permission: 'signed-in',
      summary: `Link your ${label} sign-in to the signed-in account.`,
      body: z.object({ idToken: z.string().min(20).max(8192), nonce: z.string().max(256).optional() }),
      status: 204,
      errors: [409, 501, 502],
      handler: async ({ body, services, auth }) => {
        const identity = await services.idTokens.verify(provider, body.idToken, body.nonce);
        await services.db.transaction({ accountId: auth.accountId }, (tx) =>
          insertIdentity(tx, auth.accountId, identity.issuer, identity.subject, services.clock()),
        );
      },
    });
  }

  defineRoute(app, {
    method: 'POST',
    url: '/switch',
    permission: 'signed-in',
    summary: 'Start a session in another family or school the account belongs to.',
    body: z.object({ tenantId: z.uuid() }),
    response: sessionSchema,
    handler: async ({ body, services, auth }) => signInTo(services, auth.accountId, body.tenantId),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/me',
    permission: 'signed-in',
    summary: 'The signed-in account, its current tenant and profile, and every tenant it belongs to.',
    response: z.object({
      accountId: z.uuid(),
      email: z.string().nullable(),
      tenantId: z.uuid(),
      profile: z.string(),
      permissions: z.array(z.string()),
      tenants: z.array(
        z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['family', 'school']), profile: z.string() }),
      ),
    }),
    handler: async ({ services, auth }) =>
      services.db.transaction({ accountId: auth.accountId }, async (tx) => {
        const account = await tx.one<{ email: string | null }>('SELECT email FROM accounts WHERE id = $1', [
          auth.accountId,
        ]);
        const memberships = await membershipsOf(tx, auth.accountId);
        const current = memberships.find((m) => m.tenant_id === auth.tenantId);
        if (!current)
          throw new UnauthorizedError(
            'You are no longer a member of this family or school; sign in again.',
            'membership_ended',
          );
        const permissions = Object.entries(PROFILES.get(current.profile)?.permissions ?? {})
          .filter(([, allowed]) => allowed)
          .map(([p]) => p as Permission);
        return {
          accountId: auth.accountId,
          email: account.email,
          tenantId: auth.tenantId,
          profile: current.profile,
          permissions,
          tenants: memberships.map((m) => ({
            id: m.tenant_id,
            name: m.name,
            kind: m.kind,
            profile: m.profile,
          })),
        };
      }),
  });
};
