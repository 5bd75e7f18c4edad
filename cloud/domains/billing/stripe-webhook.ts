// Applying a verified Stripe event, once. The event id is inserted into stripe_events in the
// same transaction that applies it: a replay finds the id and changes nothing, and a failure
// rolls both back so Stripe's retry is applied.
import type Stripe from 'stripe';
import type { CloudDatabase, Tx } from '../../db/database.js';
import { appendAudit } from '../audit/audit-log.js';
import type { BillingConfig } from './billing-config.js';
import { readBillingAccount, saveSubscription, tenantOfCustomer } from './billing-store.js';
import { isPlanId, PAID_PLANS, type PlanId } from './plans.js';

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A subscription in these states still pays for its plan; any other state falls back to free.
const PAYING = new Set(['active', 'trialing', 'past_due']);

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === 'string' ? value : value.id;

function planOfSubscription(sub: Stripe.Subscription, config: BillingConfig): PlanId {
  if (!PAYING.has(sub.status)) return 'free';
  const price = sub.items.data[0]?.price.id;
  const byPrice = PAID_PLANS.find((plan) => config.prices[plan] === price);
  if (byPrice) return byPrice;
  const fromMetadata = sub.metadata.plan;
  return isPlanId(fromMetadata) ? fromMetadata : 'free';
}

/** The tenant an event is about: our own id where we put one, else the customer's row. */
async function tenantOf(db: CloudDatabase, event: Stripe.Event): Promise<string | undefined> {
  const object = event.data.object as {
    client_reference_id?: string | null;
    metadata?: Record<string, string> | null;
    customer?: string | { id: string } | null;
  };
  const ours = object.client_reference_id ?? object.metadata?.tenant_id;
  if (ours && UUID.test(ours)) return ours.toLowerCase();
  const customer = idOf(object.customer);
  if (!customer) return undefined;
  return db.transaction({ extra: { 'app.stripe_customer': customer } }, (tx) =>
    tenantOfCustomer(tx, customer),
  );
}

async function markProcessed(tx: Tx, event: Stripe.Event): Promise<boolean> {
  const inserted = await tx.execute(
    'INSERT INTO stripe_events (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
    [event.id, event.type],
  );
  return inserted === 1;
}

async function apply(
  tx: Tx,
  tenantId: string,
  event: Stripe.Event,
  config: BillingConfig,
  now: Date,
): Promise<boolean> {
  let change: {
    customerId: string | null;
    plan: PlanId;
    subscriptionId: string | null;
    status: string | null;
  };
  if (event.type === 'checkout.session.completed') {
    const session = event.data.object;
    if (session.mode !== 'subscription') return false;
    const plan = session.metadata?.plan;
    change = {
      customerId: idOf(session.customer),
      plan: isPlanId(plan) ? plan : 'free',
      subscriptionId: idOf(session.subscription),
      status: 'active',
    };
  } else if (
    event.type === 'customer.subscription.updated' ||
    event.type === 'customer.subscription.created'
  ) {
    const sub = event.data.object;
    change = {
      customerId: idOf(sub.customer),
      plan: planOfSubscription(sub, config),
      subscriptionId: sub.id,
      status: sub.status,
    };
  } else if (event.type === 'customer.subscription.deleted') {
    const sub = event.data.object;
    const current = await readBillingAccount(tx, tenantId);
    // A deletion of an older subscription must not end the one the tenant has now.
    if (current.subscriptionId !== null && current.subscriptionId !== sub.id) return false;
    change = { customerId: idOf(sub.customer), plan: 'free', subscriptionId: null, status: 'canceled' };
  } else {
    return false;
  }
  const before = await readBillingAccount(tx, tenantId);
  await saveSubscription(tx, tenantId, change, now);
  if (before.plan !== change.plan) {
    await appendAudit(tx, {
      tenantId,
      actorId: null,
      action: 'billing.plan_changed',
      subject: tenantId,
      details: { from: before.plan, to: change.plan, stripeEvent: event.id },
      at: now,
    });
  }
  return true;
}

export async function processStripeEvent(
  db: CloudDatabase,
  event: Stripe.Event,
  config: BillingConfig,
  now: Date,
): Promise<WebhookOutcome> {
  const tenantId = await tenantOf(db, event);
  // An event for no tenant of ours (erased since, or another integration's) is recorded and
  // ignored: answering an error would only make Stripe retry it for days.
  return db.transaction(tenantId ? { tenantId } : {}, async (tx) => {
    if (!(await markProcessed(tx, event))) return 'duplicate';
    if (!tenantId) return 'ignored';
    const exists = await tx.maybeOne('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
    if (!exists) return 'ignored';
    return (await apply(tx, tenantId, event, config, now)) ? 'applied' : 'ignored';
  });
}
