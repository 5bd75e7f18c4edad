-- The audit log: consent, profile and policy changes, one hash chain per tenant
-- (hash = SHA-256(prev_hash || canonical JSON of the entry), computed by the service, see
-- cloud/domains/audit/audit-chain.ts). Append-only twice over: the app role has SELECT and INSERT
-- policies only (RLS forced), and a trigger refuses UPDATE and DELETE from anyone, except the
-- cascade of an erasure the same transaction announced in app.erase_tenant.
CREATE TABLE audit_log (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq bigint NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  actor_id uuid,
  action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]*$'),
  subject text NOT NULL,
  details jsonb NOT NULL,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (tenant_id, seq)
);

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT
  USING (tenant_id = app_tenant());
CREATE POLICY audit_log_append ON audit_log FOR INSERT
  WITH CHECK (tenant_id = app_tenant());

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND app_setting('app.erase_tenant') = OLD.tenant_id::text THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
