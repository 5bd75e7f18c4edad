// Billing settings from the environment: off without a key, a named error for a bad value.
import { describe, expect, it } from 'vitest';
import { BillingConfigError, billingConfigFromEnv } from './billing-config.js';

const FULL = {
  STRIPE_SECRET_KEY: 'sk_test_abc123',
  STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
  STRIPE_PRICE_CREATOR_PREMIUM: 'price_premium',
  STRIPE_PRICE_SCHOOL: 'price_school',
  BILLING_SUCCESS_URL: 'https://talemo.test/ok',
  BILLING_CANCEL_URL: 'https://talemo.test/cancel',
  BILLING_PORTAL_RETURN_URL: 'https://talemo.test/settings',
};

describe('billing config', () => {
  it('is off without STRIPE_SECRET_KEY', () => {
    expect(billingConfigFromEnv({})).toBeUndefined();
  });

  it('reads every setting and an optional API base for stripe-mock', () => {
    expect(billingConfigFromEnv({ ...FULL, STRIPE_API_BASE: 'http://localhost:12111' })).toMatchObject({
      secretKey: 'sk_test_abc123',
      prices: { creator_premium: 'price_premium', school: 'price_school' },
      api: { host: 'localhost', port: 12111, protocol: 'http' },
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => billingConfigFromEnv({ ...FULL, STRIPE_WEBHOOK_SECRET: 'oops' })).toThrow(
      BillingConfigError,
    );
    expect(() => billingConfigFromEnv({ ...FULL, STRIPE_WEBHOOK_SECRET: 'oops' })).toThrow(
      /STRIPE_WEBHOOK_SECRET/,
    );
    expect(() => billingConfigFromEnv({ STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
  });
});
