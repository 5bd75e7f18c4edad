-- Erasing a tenant: a one-time confirmation (stored as SHA-256, short-lived), and the tombstone
-- kept afterwards. The tombstone has no personal data (tenant id, when, how many rows, the last
-- audit hash) so the service can show that an erasure happened and the chain it ended.
CREATE TABLE erasure_requests (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  token_hash text NOT NULL,
  requested_by uuid NOT NULL,
  expires_at timestamptz NOT NULL
);
ALTER TABLE erasure_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE erasure_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY erasure_requests_tenant ON erasure_requests
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

-- No foreign key: the tenant is gone when this row is written.
CREATE TABLE erasure_tombstones (
  tenant_id uuid PRIMARY KEY,
  erased_at timestamptz NOT NULL,
  audit_entries bigint NOT NULL,
  audit_head text,
  row_counts jsonb NOT NULL
);
ALTER TABLE erasure_tombstones ENABLE ROW LEVEL SECURITY;
ALTER TABLE erasure_tombstones FORCE ROW LEVEL SECURITY;
CREATE POLICY erasure_tombstones_tenant ON erasure_tombstones
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
