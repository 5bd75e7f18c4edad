// Accepting an invitation: the signed token names the tenant, so the transaction is scoped to
// THAT tenant (not the caller's current one); the row makes the token one-time and revocable.
import type { InvitationClaims } from '../../auth/invitation-tokens.js';
import type { Tx } from '../../db/database.js';
import { ConflictError, ForbiddenError, GoneError } from '../../server/http-errors.js';
import { readPolicy } from '../policies/policy-store.js';

interface InvitationRow {
  profile: string;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

/**
 * Joins `accountId` to the invitation's tenant with the invited profile and spends the
 * invitation. `tx` must be scoped to {tenantId: claims.tenantId, accountId}. Returns the profile.
 */
export async function acceptInvitation(
  tx: Tx,
  claims: InvitationClaims,
  accountId: string,
  now: Date,
): Promise<string> {
  const row = await tx.maybeOne<InvitationRow>(
    'SELECT profile, expires_at, accepted_at, revoked_at FROM invitations WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
    [claims.tenantId, claims.invitationId],
  );
  if (!row || row.revoked_at)
    throw new GoneError('This invitation was withdrawn; ask for a new one.', 'invitation_revoked');
  if (row.accepted_at) throw new GoneError('This invitation has already been used.', 'invitation_used');
  if (row.expires_at.getTime() <= now.getTime())
    throw new GoneError('This invitation has expired; ask for a new one.', 'invitation_expired');
  const existing = await tx.maybeOne('SELECT 1 FROM memberships WHERE tenant_id = $1 AND account_id = $2', [
    claims.tenantId,
    accountId,
  ]);
  if (existing) throw new ConflictError('You already belong to this family or school.', 'already_member');
  const { n } = await tx.one<{ n: number }>(
    'SELECT count(*)::int AS n FROM memberships WHERE tenant_id = $1',
    [claims.tenantId],
  );
  if (n >= (await readPolicy(tx, claims.tenantId, 'quota.members'))) {
    throw new ForbiddenError('This family or school has reached its member limit.', 'quota_reached');
  }
  await tx.execute(
    'INSERT INTO memberships (tenant_id, account_id, profile, created_at) VALUES ($1, $2, $3, $4)',
    [claims.tenantId, accountId, row.profile, now],
  );
  await tx.execute(
    'UPDATE invitations SET accepted_at = $3, accepted_by = $4 WHERE tenant_id = $1 AND id = $2',
    [claims.tenantId, claims.invitationId, now, accountId],
  );
  return row.profile;
}
