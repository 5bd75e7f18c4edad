// The Stripe SDK, configured once per app. Network retries are off: a request handler waiting
// on retries would hold its database transaction open; the caller retries instead.
import Stripe from 'stripe';
import type { BillingConfig } from './billing-config.js';

export function createStripeClient(config: BillingConfig): Stripe {
  return new Stripe(config.secretKey, {
    maxNetworkRetries: 0,
    timeout: 20_000,
    telemetry: false,
    ...(config.api ?? {}),
  });
}
