// Billing settings, read from the environment when the billing plugin registers. Without
// STRIPE_SECRET_KEY billing is off: a self-hosted family server sells nothing, so its routes
// answer 501 and no plan quota applies.
import { z } from 'zod';
import type { PaidPlanId } from './plans.js';

export interface BillingConfig {
  secretKey: string;
  webhookSecret: string;
  /** Stripe price id per paid plan. */
  prices: Record<PaidPlanId, string>;
  successUrl: string;
  cancelUrl: string;
  portalReturnUrl: string;
  /** Another API host (stripe-mock, or a test's fake); Stripe's own when absent. */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
}

export class BillingConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BillingConfigError';
  }
}

const envSchema = z.object({
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_…)'),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)'),
  STRIPE_PRICE_CREATOR_PREMIUM: z.string().regex(/^price_\w+$/, 'must be a price id (price_…)'),
  STRIPE_PRICE_SCHOOL: z.string().regex(/^price_\w+$/, 'must be a price id (price_…)'),
  BILLING_SUCCESS_URL: z.url(),
  BILLING_CANCEL_URL: z.url(),
  BILLING_PORTAL_RETURN_URL: z.url(),
  STRIPE_API_BASE: z.url().optional(),
});

function apiFrom(base: string | undefined): BillingConfig['api'] {
  if (!base) return undefined;
  const url = new URL(base);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol };
}

/** undefined when billing is off (no STRIPE_SECRET_KEY); throws naming the bad variable otherwise. */
export function billingConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BillingConfig | undefined {
  if (!env.STRIPE_SECRET_KEY) return undefined;
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BillingConfigError(
      `Bad billing setting ${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const e = parsed.data;
  const api = apiFrom(e.STRIPE_API_BASE);
  return {
    secretKey: e.STRIPE_SECRET_KEY,
    webhookSecret: e.STRIPE_WEBHOOK_SECRET,
    prices: { creator_premium: e.STRIPE_PRICE_CREATOR_PREMIUM, school: e.STRIPE_PRICE_SCHOOL },
    successUrl: e.BILLING_SUCCESS_URL,
    cancelUrl: e.BILLING_CANCEL_URL,
    portalReturnUrl: e.BILLING_PORTAL_RETURN_URL,
    ...(api ? { api } : {}),
  };
}
