// Invitations into the caller's tenant, and accepting one (which may be another tenant's).
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { PROFILES, profileWithin } from '../../auth/permission-profiles.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../server/http-errors.js';
import { defineRoute } from '../../server/route.js';
import { sessionSchema, startSession } from '../accounts/session.js';
import { acceptInvitation } from './accept-invitation.js';

const invitationSchema = z.object({
  id: z.uuid(),
  profile: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
});

interface InvitationRow {
  id: string;
  profile: string;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

function status(row: InvitationRow, now: Date): z.infer<typeof invitationSchema>['status'] {
  if (row.revoked_at) return 'revoked';
  if (row.accepted_at) return 'accepted';
  return row.expires_at.getTime() <= now.getTime() ? 'expired' : 'pending';
}

export const invitationsPlugin: FastifyPluginAsync = async (app) => {
  const maxHours = Math.floor(app.cloud.config.invitationMaxTtlSeconds / 3600);

  defineRoute(app, {
    method: 'POST',
    url: '',
    permission: 'members.invite',
    summary: 'Invite someone into the current tenant with a profile; answers the token to send them.',
    description: 'The profile may grant nothing the inviter’s own profile lacks.',
    body: z.object({
      profile: z.string().max(64),
      expiresInHours: z.number().int().min(1).max(maxHours).default(72),
    }),
    status: 201,
    response: invitationSchema.extend({ token: z.string() }),
    handler: async ({ tx, auth, body, services }) => {
      if (!PROFILES.has(body.profile))
        throw new BadRequestError(`There is no profile "${body.profile}".`, 'unknown_profile');
      if (!profileWithin(body.profile, auth.profile)) {
        throw new ForbiddenError(
          'You cannot invite someone with more permissions than you have.',
          'profile_too_strong',
        );
      }
      const now = services.clock();
      const id = randomUUID();
      const expiresAt = new Date(now.getTime() + body.expiresInHours * 3600 * 1000);
      await tx.execute(
        'INSERT INTO invitations (tenant_id, id, profile, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [auth.tenantId, id, body.profile, auth.accountId, now, expiresAt],
      );
      const token = await services.invitationTokens.sign(
        { invitationId: id, tenantId: auth.tenantId, profile: body.profile },
        expiresAt,
      );
      return {
        id,
        profile: body.profile,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        status: 'pending' as const,
        token,
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '',
    permission: 'members.invite',
    summary: 'The current tenant’s invitations (tokens are not shown again).',
    response: z.object({ invitations: z.array(invitationSchema) }),
    handler: async ({ tx, auth, services }) => {
      const rows = await tx.rows<InvitationRow>(
        'SELECT id, profile, created_at, expires_at, accepted_at, revoked_at FROM invitations WHERE tenant_id = $1 ORDER BY created_at DESC, id',
        [auth.tenantId],
      );
      const now = services.clock();
      return {
        invitations: rows.map((r) => ({
          id: r.id,
          profile: r.profile,
          createdAt: r.created_at.toISOString(),
          expiresAt: r.expires_at.toISOString(),
          status: status(r, now),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/:id',
    permission: 'members.invite',
    summary: 'Withdraw an invitation that has not been used.',
    params: z.object({ id: z.uuid() }),
    status: 204,
    errors: [404],
    handler: async ({ tx, auth, params, services }) => {
      const n = await tx.execute(
        'UPDATE invitations SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL',
        [auth.tenantId, params.id, services.clock()],
      );
      if (n === 0) throw new NotFoundError('No such pending invitation.');
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/accept',
    permission: 'signed-in',
    summary: 'Join the tenant an invitation is for; answers a session in that tenant.',
    body: z.object({ token: z.string().min(20).max(2048) }),
    response: sessionSchema,
    errors: [409, 410],
    handler: async ({ body, services, auth }) => {
      const claims = await services.invitationTokens.verify(body.token);
      return services.db.transaction({ tenantId: claims.tenantId, accountId: auth.accountId }, async (tx) => {
        const profile = await acceptInvitation(tx, claims, auth.accountId, services.clock());
        return startSession(services, tx, auth.accountId, claims.tenantId, profile);
      });
    },
  });
};
