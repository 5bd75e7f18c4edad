// defineRoute: the only way a domain plugin adds a route. A route declares
//   permission: 'public'      no token (health, sign-in)
//               'signed-in'   a valid access token whose account still belongs to its tenant,
//                             no tenant permission; the handler opens the transactions it needs
//               '<perm>'      a permission from auth/permissions.ts; the handler then runs inside
//                             one transaction scoped to the caller's tenant, after the caller's
//                             CURRENT membership is checked for it in that transaction (read
//                             first, or predicted and verified by the database; see inTenant).
// A route registered any other way, or without a known permission, stops start-up
// (checkRouteDeclarations, installed on the root instance).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AccessClaims } from '../auth/access-tokens.js';
import { PROFILES, profileAllows } from '../auth/permission-profiles.js';
import { isAccess, PUBLIC, SIGNED_IN, type Access, type Permission } from '../auth/permissions.js';
import { ScopeCheckRefusedError, type CloudDatabase, type Tx } from '../db/database.js';
import { ForbiddenError, UnauthorizedError } from './http-errors.js';
import type { CloudServices } from './services.js';
import { jsonSchemaOf, RouteDeclarationError } from './zod-schemas.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Access;
  }
  interface FastifyRequest {
    accessClaims: AccessClaims | null;
  }
}

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

interface BaseContext<P extends Schema, Q extends Schema, B extends Schema> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  request: FastifyRequest;
  reply: FastifyReply;
  services: CloudServices;
}

export interface PublicContext<P extends Schema, Q extends Schema, B extends Schema> extends BaseContext<
  P,
  Q,
  B
> {
  db: CloudDatabase;
}

export interface SignedInContext<P extends Schema, Q extends Schema, B extends Schema> extends PublicContext<
  P,
  Q,
  B
> {
  auth: AccessClaims;
}

/** The caller inside their tenant, with the profile read from the database just now. */
export interface TenantAuth {
  accountId: string;
  tenantId: string;
  profile: string;
  can(permission: Permission): boolean;
}

export interface TenantContext<P extends Schema, Q extends Schema, B extends Schema> extends BaseContext<
  P,
  Q,
  B
> {
  /** The request's transaction: app role, app.tenant and app.account set. Use it for every query. */
  tx: Tx;
  auth: TenantAuth;
}

export type ContextFor<
  A extends Access,
  P extends Schema,
  Q extends Schema,
  B extends Schema,
> = A extends typeof PUBLIC
  ? PublicContext<P, Q, B>
  : A extends typeof SIGNED_IN
    ? SignedInContext<P, Q, B>
    : TenantContext<P, Q, B>;

export interface RouteSpec<
  A extends Access,
  P extends Schema,
  Q extends Schema,
  B extends Schema,
  R extends Schema,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  permission: A;
  /** One line for the OpenAPI document. */
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Success status; 204 means no body. Default 200. */
  status?: 200 | 201 | 202 | 204;
  response?: R;
  /** Error statuses this route may answer besides 400/401/403/500, for the OpenAPI document. */
  errors?: readonly number[];
  /** Stricter per-address limit than the global one (sign-in routes). */
  rateLimit?: { max: number; timeWindowSeconds: number };
  handler(ctx: ContextFor<A, P, Q, B>): Promise<R extends z.ZodType ? z.input<R> : void>;
}

const ERROR_BODY = {
  type: 'object',
  properties: { error: { type: 'string' }, message: { type: 'string' } },
  required: ['error', 'message'],
};

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** Reads and verifies the bearer token before the body is even parsed. */
async function authenticate(request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  if (!header)
    throw new UnauthorizedError(
      'Sign in first: this needs an access token (Authorization: Bearer …).',
      'missing_token',
    );
  const match = BEARER.exec(header);
  if (!match?.[1]) throw new UnauthorizedError('The Authorization header must be "Bearer <access token>".');
  request.accessClaims = await request.server.cloud.accessTokens.verify(match[1]);
}

function responseSchemas(spec: RouteSpec<Access, Schema, Schema, Schema, Schema>): Record<number, unknown> {
  const status = spec.status ?? 200;
  const out: Record<number, unknown> = {
    [status]: spec.response
      ? jsonSchemaOf(spec.response, 'output')
      : { type: 'null', description: 'No content' },
  };
  const errors = new Set<number>([...(spec.errors ?? []), 500]);
  if (spec.params || spec.query || spec.body) errors.add(400);
  if (spec.permission !== PUBLIC) errors.add(401);
  if (spec.permission !== PUBLIC && spec.permission !== SIGNED_IN) errors.add(403);
  if (spec.body) errors.add(413);
  if (spec.rateLimit) errors.add(429);
  for (const code of [...errors].sort()) out[code] = { description: 'Error', ...ERROR_BODY };
  return out;
}

function describePermission(permission: Access): string {
  if (permission === PUBLIC) return 'No sign-in needed.';
  if (permission === SIGNED_IN) return 'Needs a valid access token.';
  const profiles = [...PROFILES.values()].filter((p) => p.permissions[permission]).map((p) => p.label);
  return `Needs permission \`${permission}\` (profiles: ${profiles.join(', ')}).`;
}

function membershipEnded(): UnauthorizedError {
  return new UnauthorizedError(
    'You are no longer a member of this family or school; sign in again.',
    'membership_ended',
  );
}

const MEMBERSHIP_SQL = 'SELECT profile FROM memberships WHERE tenant_id = $1 AND account_id = $2';

/** The caller's profile in the token's tenant, read now; 401 if the membership is gone. */
async function currentProfile(tx: Tx, claims: AccessClaims): Promise<string> {
  const membership = await tx.maybeOne<{ profile: string }>(MEMBERSHIP_SQL, [
    claims.tenantId,
    claims.accountId,
  ]);
  if (!membership) throw membershipEnded();
  return membership.profile;
}

/** For 'signed-in' routes: the account still belongs to the token's tenant (one round trip). */
async function requireMembership(services: CloudServices, claims: AccessClaims): Promise<void> {
  const rows = await services.db.transaction(
    { tenantId: claims.tenantId, accountId: claims.accountId },
    (tx) => tx.finalRows<{ profile: string }>(MEMBERSHIP_SQL, [claims.tenantId, claims.accountId]),
  );
  if (rows.length === 0) throw membershipEnded();
}

function tenantAuth(claims: AccessClaims, profile: string): TenantAuth {
  return {
    accountId: claims.accountId,
    tenantId: claims.tenantId,
    profile,
    can: (p) => profileAllows(profile, p),
  };
}

function permissionDenied(profile: string, permission: Permission): ForbiddenError {
  const label = PROFILES.get(profile)?.label ?? profile;
  return new ForbiddenError(
    `Your profile (${label}) does not allow this (${permission}).`,
    'permission_denied',
  );
}

/**
 * Runs a route in one transaction scoped to the caller's tenant, once the caller's CURRENT
 * membership allows `permission`. Two ways to know the membership, equally strict:
 * - read: the membership is the transaction's first statement (sent with BEGIN and the settings);
 * - predicted (GET routes only, with a profile in the membership cache): the transaction's check
 *   statement (app_check_membership) travels with the handler's first statement and aborts the
 *   transaction before it runs unless the membership is exactly the predicted one; then the
 *   membership is read afresh. The handler's code before its first query runs on the prediction,
 *   which is why only GET handlers (which change nothing) are predicted.
 */
async function inTenant<T>(
  services: CloudServices,
  claims: AccessClaims,
  permission: Permission,
  predict: boolean,
  run: (tx: Tx, auth: TenantAuth) => Promise<T>,
): Promise<T> {
  const scope = { tenantId: claims.tenantId, accountId: claims.accountId };
  const predicted = predict ? services.memberships.get(claims.tenantId, claims.accountId) : undefined;
  if (predicted !== undefined && profileAllows(predicted, permission)) {
    try {
      return await services.db.transaction(
        { ...scope, check: { sql: 'SELECT app_check_membership($1)', params: [predicted] } },
        (tx) => run(tx, tenantAuth(claims, predicted)),
      );
    } catch (error) {
      if (!(error instanceof ScopeCheckRefusedError)) throw error;
      services.memberships.forget(claims.tenantId, claims.accountId);
    }
  }
  return services.db.transaction(scope, async (tx) => {
    const profile = await currentProfile(tx, claims);
    services.memberships.remember(claims.tenantId, claims.accountId, profile);
    if (!profileAllows(profile, permission)) throw permissionDenied(profile, permission);
    return run(tx, tenantAuth(claims, profile));
  });
}

export function defineRoute<
  A extends Access,
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  R extends Schema = undefined,
>(app: FastifyInstance, spec: RouteSpec<A, P, Q, B, R>): void {
  const general = spec as unknown as RouteSpec<Access, Schema, Schema, Schema, Schema>;
  const status = spec.status ?? 200;
  const tag = app.prefix.split('/').find(Boolean) ?? 'service';
  const isPublic = spec.permission === PUBLIC;
  app.route({
    method: spec.method,
    url: spec.url,
    config: {
      permission: spec.permission,
      ...(spec.rateLimit
        ? { rateLimit: { max: spec.rateLimit.max, timeWindow: spec.rateLimit.timeWindowSeconds * 1000 } }
        : {}),
    },
    schema: {
      summary: spec.summary,
      description: [describePermission(spec.permission), spec.description].filter(Boolean).join('\n\n'),
      tags: [tag],
      ...(isPublic ? {} : { security: [{ bearer: [] }] }),
      ...(spec.params ? { params: jsonSchemaOf(spec.params, 'input') } : {}),
      ...(spec.query ? { querystring: jsonSchemaOf(spec.query, 'input') } : {}),
      ...(spec.body ? { body: jsonSchemaOf(spec.body, 'input') } : {}),
      response: responseSchemas(general),
    },
    ...(isPublic
      ? {}
      : {
          preParsing: async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
            await authenticate(request);
            return payload;
          },
        }),
    handler: async (request, reply) => {
      const services = app.cloud;
      const base = {
        params: request.params,
        query: request.query,
        body: request.body,
        request,
        reply,
        services,
      };
      const call = general.handler as (ctx: unknown) => Promise<unknown>;
      let result: unknown;
      if (spec.permission === PUBLIC) {
        result = await call({ ...base, db: services.db });
      } else if (spec.permission === SIGNED_IN) {
        const claims = request.accessClaims;
        if (!claims) throw new UnauthorizedError('Sign in first.', 'missing_token');
        // A valid signature is not enough: the account must still belong to the token's tenant.
        await requireMembership(services, claims);
        result = await call({ ...base, db: services.db, auth: claims });
      } else {
        const claims = request.accessClaims;
        if (!claims) throw new UnauthorizedError('Sign in first.', 'missing_token');
        result = await inTenant(
          services,
          claims,
          spec.permission as Permission,
          spec.method === 'GET',
          (tx, auth) => call({ ...base, tx, auth }),
        );
      }
      reply.code(status);
      // Fastify waits forever on an async handler that resolves undefined without sending.
      if (status === 204 || result === undefined) return reply.send();
      return result;
    },
  });
}

/** Root onRoute hook: every route must declare a known permission (and so come from defineRoute). */
export function checkRouteDeclarations(app: FastifyInstance): void {
  app.decorateRequest('accessClaims', null);
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (permission === undefined) {
      throw new RouteDeclarationError(
        `${String(route.method)} ${route.url} declares no permission; register it with defineRoute.`,
      );
    }
    if (!isAccess(permission)) {
      throw new RouteDeclarationError(
        `${String(route.method)} ${route.url} requires unknown permission "${String(permission)}".`,
      );
    }
  });
}
