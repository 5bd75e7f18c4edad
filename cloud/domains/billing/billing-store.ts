// A tenant's billing row: its Stripe customer and current plan. No row means the free plan.
import type { Tx } from '../../db/database.js';
import { isPlanId, type PlanId } from './plans.js';

export interface BillingAccount {
  tenantId: string;
  customerId: string | null;
  plan: PlanId;
  subscriptionId: string | null;
  subscriptionStatus: string | null;
}

interface Row {
  tenant_id: string;
  stripe_customer_id: string | null;
  plan: string;
  subscription_id: string | null;
  subscription_status: string | null;
}

const COLUMNS = 'tenant_id, stripe_customer_id, plan, subscription_id, subscription_status';

function toAccount(row: Row): BillingAccount {
  return {
    tenantId: row.tenant_id,
    customerId: row.stripe_customer_id,
    plan: isPlanId(row.plan) ? row.plan : 'free',
    subscriptionId: row.subscription_id,
    subscriptionStatus: row.subscription_status,
  };
}

export async function readBillingAccount(tx: Tx, tenantId: string): Promise<BillingAccount> {
  const row = await tx.maybeOne<Row>(`SELECT ${COLUMNS} FROM billing_accounts WHERE tenant_id = $1`, [
    tenantId,
  ]);
  return row
    ? toAccount(row)
    : { tenantId, customerId: null, plan: 'free', subscriptionId: null, subscriptionStatus: null };
}

/** The tenant whose Stripe customer this is (needs the app.stripe_customer scope setting). */
export async function tenantOfCustomer(tx: Tx, customerId: string): Promise<string | undefined> {
  const row = await tx.maybeOne<{ tenant_id: string }>(
    'SELECT tenant_id FROM billing_accounts WHERE stripe_customer_id = $1',
    [customerId],
  );
  return row?.tenant_id;
}

export async function saveCustomer(tx: Tx, tenantId: string, customerId: string, now: Date): Promise<void> {
  await tx.execute(
    `INSERT INTO billing_accounts (tenant_id, stripe_customer_id, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id) DO UPDATE SET stripe_customer_id = EXCLUDED.stripe_customer_id, updated_at = EXCLUDED.updated_at`,
    [tenantId, customerId, now],
  );
}

export async function saveSubscription(
  tx: Tx,
  tenantId: string,
  change: { customerId: string | null; plan: PlanId; subscriptionId: string | null; status: string | null },
  now: Date,
): Promise<void> {
  await tx.execute(
    `INSERT INTO billing_accounts (tenant_id, stripe_customer_id, plan, subscription_id, subscription_status, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (tenant_id) DO UPDATE SET
       stripe_customer_id = coalesce(EXCLUDED.stripe_customer_id, billing_accounts.stripe_customer_id),
       plan = EXCLUDED.plan, subscription_id = EXCLUDED.subscription_id,
       subscription_status = EXCLUDED.subscription_status, updated_at = EXCLUDED.updated_at`,
    [tenantId, change.customerId, change.plan, change.subscriptionId, change.status, now],
  );
}
