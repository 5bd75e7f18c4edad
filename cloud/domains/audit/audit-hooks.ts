// One-call hooks other domains use to audit their changes (policies, member profiles), so the
// entry shapes stay in one place.
import type { Tx } from '../../db/database.js';
import { appendAudit } from './audit-log.js';

interface Actor {
  tenantId: string;
  accountId: string;
}

/** A policy set (value) or reset to its default (value undefined). */
export async function auditPolicyChange(
  tx: Tx,
  actor: Actor,
  key: string,
  value: unknown,
  at: Date,
): Promise<void> {
  await appendAudit(tx, {
    tenantId: actor.tenantId,
    actorId: actor.accountId,
    action: value === undefined ? 'policy.reset' : 'policy.set',
    subject: key,
    details: value === undefined ? {} : { value },
    at,
  });
}

/** A member's permission profile changed. */
export async function auditProfileChange(
  tx: Tx,
  actor: Actor,
  memberId: string,
  change: { from: string; to: string },
  at: Date,
): Promise<void> {
  if (change.from === change.to) return;
  await appendAudit(tx, {
    tenantId: actor.tenantId,
    actorId: actor.accountId,
    action: 'member.profile_changed',
    subject: memberId,
    details: change,
    at,
  });
}
