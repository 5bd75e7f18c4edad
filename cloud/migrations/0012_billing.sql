-- Subscriptions (Stripe) and the creation ledger the plans' weekly quotas count.
-- A Stripe webhook knows only Stripe's customer id, so it finds the tenant's row through
-- app.stripe_customer (a scope setting the webhook sets after verifying the signature).
CREATE TABLE billing_accounts (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  stripe_customer_id text UNIQUE,
  plan text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'creator_premium', 'school')),
  subscription_id text,
  subscription_status text,
  current_period_end timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE billing_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY billing_accounts_tenant ON billing_accounts
  USING (tenant_id = app_tenant() OR stripe_customer_id = app_setting('app.stripe_customer'))
  WITH CHECK (tenant_id = app_tenant() OR stripe_customer_id = app_setting('app.stripe_customer'));

-- Each Stripe event id once: inserted in the same transaction that applies the event, so a
-- failure leaves no row and Stripe's retry is processed; a replay finds the row and is skipped.
CREATE TABLE stripe_events (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
  type text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE stripe_events IS 'rls-exempt: only Stripe event ids and types, no tenant data';

CREATE TABLE story_creations (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX story_creations_recent ON story_creations (tenant_id, created_at);
ALTER TABLE story_creations ENABLE ROW LEVEL SECURITY;
ALTER TABLE story_creations FORCE ROW LEVEL SECURITY;
CREATE POLICY story_creations_tenant ON story_creations
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
