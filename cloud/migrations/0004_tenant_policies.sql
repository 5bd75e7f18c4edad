-- Tenant policies: quotas and feature flags, one JSON value per key. The keys and their value
-- schemas live in code (cloud/domains/policies/policy-keys.ts); unknown keys are refused there.
CREATE TABLE tenant_policies (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);

ALTER TABLE tenant_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_policies_tenant ON tenant_policies
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
