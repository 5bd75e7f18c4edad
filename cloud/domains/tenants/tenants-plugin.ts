// The caller's tenant (a family or a school) and its members.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ADMIN_PROFILE, PROFILES } from '../../auth/permission-profiles.js';
import type { Tx } from '../../db/database.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../server/http-errors.js';
import { defineRoute } from '../../server/route.js';
import { auditProfileChange } from '../audit/audit-hooks.js';

const tenantSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['family', 'school']),
  name: z.string(),
  createdAt: z.string(),
});
const memberSchema = z.object({
  accountId: z.uuid(),
  email: z.string().nullable(),
  profile: z.string(),
  profileLabel: z.string(),
  joinedAt: z.string(),
});
const accountParams = z.object({ accountId: z.uuid() });

interface TenantRow {
  id: string;
  kind: 'family' | 'school';
  name: string;
  created_at: Date;
}

interface MemberRow {
  account_id: string;
  email: string | null;
  profile: string;
  created_at: Date;
}

function toMember(row: MemberRow): z.input<typeof memberSchema> {
  return {
    accountId: row.account_id,
    email: row.email,
    profile: row.profile,
    profileLabel: PROFILES.get(row.profile)?.label ?? row.profile,
    joinedAt: row.created_at.toISOString(),
  };
}

async function readTenant(tx: Tx, tenantId: string): Promise<z.input<typeof tenantSchema>> {
  const row = await tx.one<TenantRow>('SELECT id, kind, name, created_at FROM tenants WHERE id = $1', [
    tenantId,
  ]);
  return { id: row.id, kind: row.kind, name: row.name, createdAt: row.created_at.toISOString() };
}

const MEMBER_SQL = `SELECT m.account_id, a.email, m.profile, m.created_at
  FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE m.tenant_id = $1`;

/** Refuses a change that would leave the tenant with no admin (nobody could manage it again). */
async function keepAnAdmin(tx: Tx, tenantId: string, accountId: string): Promise<void> {
  const { others } = await tx.one<{ others: number }>(
    'SELECT count(*)::int AS others FROM memberships WHERE tenant_id = $1 AND profile = $2 AND account_id <> $3',
    [tenantId, ADMIN_PROFILE, accountId],
  );
  if (others === 0)
    throw new ConflictError('This is the last admin; make someone else admin first.', 'last_admin');
}

export const tenantsPlugin: FastifyPluginAsync = async (app) => {
  defineRoute(app, {
    method: 'GET',
    url: '',
    permission: 'tenant.read',
    summary: 'The current family or school.',
    response: tenantSchema,
    handler: async ({ tx, auth }) => readTenant(tx, auth.tenantId),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '',
    permission: 'tenant.manage',
    summary: 'Rename the current family or school.',
    body: z.object({ name: z.string().trim().min(1).max(120) }),
    response: tenantSchema,
    handler: async ({ tx, auth, body }) => {
      await tx.execute('UPDATE tenants SET name = $2 WHERE id = $1', [auth.tenantId, body.name]);
      return readTenant(tx, auth.tenantId);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/members',
    permission: 'members.read',
    summary: 'Everyone in the current family or school, with their profile.',
    response: z.object({ members: z.array(memberSchema) }),
    handler: async ({ tx, auth }) => {
      const rows = await tx.rows<MemberRow>(`${MEMBER_SQL} ORDER BY m.created_at, m.account_id`, [
        auth.tenantId,
      ]);
      return { members: rows.map(toMember) };
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/members/:accountId',
    permission: 'members.manage',
    summary: 'Change a member’s permission profile.',
    params: accountParams,
    body: z.object({ profile: z.string().max(64) }),
    response: memberSchema,
    errors: [404, 409],
    handler: async ({ tx, auth, params, body, services }) => {
      if (!PROFILES.has(body.profile))
        throw new BadRequestError(`There is no profile "${body.profile}".`, 'unknown_profile');
      const member = await tx.maybeOne<MemberRow>(`${MEMBER_SQL} AND m.account_id = $2 FOR UPDATE OF m`, [
        auth.tenantId,
        params.accountId,
      ]);
      if (!member) throw new NotFoundError('No such member.');
      if (member.profile === ADMIN_PROFILE && body.profile !== ADMIN_PROFILE)
        await keepAnAdmin(tx, auth.tenantId, params.accountId);
      await tx.execute('UPDATE memberships SET profile = $3 WHERE tenant_id = $1 AND account_id = $2', [
        auth.tenantId,
        params.accountId,
        body.profile,
      ]);
      // The member's next GET would be refused by its membership check and retried; spare that.
      services.memberships.forget(auth.tenantId, params.accountId);
      await auditProfileChange(
        tx,
        auth,
        params.accountId,
        { from: member.profile, to: body.profile },
        services.clock(),
      );
      return toMember({ ...member, profile: body.profile });
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/members/:accountId',
    permission: 'members.manage',
    summary: 'Remove a member; their sessions in this tenant stop working at once.',
    params: accountParams,
    status: 204,
    errors: [404, 409],
    handler: async ({ tx, auth, params, services }) => {
      const member = await tx.maybeOne<{ profile: string }>(
        'SELECT profile FROM memberships WHERE tenant_id = $1 AND account_id = $2 FOR UPDATE',
        [auth.tenantId, params.accountId],
      );
      if (!member) throw new NotFoundError('No such member.');
      if (member.profile === ADMIN_PROFILE) await keepAnAdmin(tx, auth.tenantId, params.accountId);
      await tx.execute('DELETE FROM memberships WHERE tenant_id = $1 AND account_id = $2', [
        auth.tenantId,
        params.accountId,
      ]);
      // The member's next GET would be refused by its membership check and retried; spare that.
      services.memberships.forget(auth.tenantId, params.accountId);
    },
  });
};
