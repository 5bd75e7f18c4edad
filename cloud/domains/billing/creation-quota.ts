// The plans' weekly creation quota, enforced on the server: the stories route calls
// consumeCreation() before it inserts a new story. It is on only where billing is configured
// (the billing plugin turns it on for its app), so a self-hosted server has no plan limits.
import type { Tx } from '../../db/database.js';
import { HttpError } from '../../server/http-errors.js';
import type { CloudServices } from '../../server/services.js';
import { readBillingAccount } from './billing-store.js';
import { PLANS, type PlanId } from './plans.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** 402: the plan's allowance is used up; the message says when the next one frees up. */
export class PlanLimitError extends HttpError {
  constructor(
    readonly plan: PlanId,
    readonly nextAt: Date,
  ) {
    const { label, creationsPerWeek } = PLANS[plan];
    const when = nextAt.toISOString().slice(0, 16).replace('T', ' ');
    super(
      402,
      'plan_limit_reached',
      `The ${label} plan allows ${creationsPerWeek} new stories a week. The next one is possible after ${when} UTC` +
        (plan === 'free' ? ', or right away with Creator Premium.' : '.'),
    );
  }
}

// Keyed by the app's services object, so two apps in one process (tests) never share the switch.
const enforcedFor = new WeakSet<CloudServices>();

export function enableCreationQuota(services: CloudServices): void {
  enforcedFor.add(services);
}

export function creationQuotaEnforced(services: CloudServices): boolean {
  return enforcedFor.has(services);
}

/** New stories in the last 7 days and the oldest of them (when the next slot frees up). */
export async function creationsThisWeek(
  tx: Tx,
  tenantId: string,
  now: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const row = await tx.one<{ n: number; oldest: Date | null }>(
    `SELECT count(*)::int AS n, min(created_at) AS oldest FROM story_creations
     WHERE tenant_id = $1 AND created_at > $2`,
    [tenantId, new Date(now.getTime() - WEEK_MS)],
  );
  return { count: row.n, oldest: row.oldest };
}

/** Counts one creation against the tenant's plan, or throws PlanLimitError (402). */
export async function consumeCreation(tx: Tx, services: CloudServices, tenantId: string): Promise<void> {
  if (!enforcedFor.has(services)) return;
  // Two creations at once must not both see the last free slot.
  await tx.rows(`SELECT pg_advisory_xact_lock(hashtextextended('creations:' || $1, 0))`, [tenantId]);
  const now = services.clock();
  const { plan } = await readBillingAccount(tx, tenantId);
  const used = await creationsThisWeek(tx, tenantId, now);
  if (used.count >= PLANS[plan].creationsPerWeek) {
    throw new PlanLimitError(plan, new Date((used.oldest ?? now).getTime() + WEEK_MS));
  }
  await tx.execute('INSERT INTO story_creations (tenant_id, created_at) VALUES ($1, $2)', [tenantId, now]);
}
