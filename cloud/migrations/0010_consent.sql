-- Children of a tenant and their parents' consent records. Consent is append-only: granting or
-- revoking adds a row, and the latest row per (child, kind) is the current state, so the
-- history a parent (or a regulator) asks for is exactly the table. The app role gets SELECT and
-- INSERT policies only; with RLS forced, an UPDATE or DELETE from it touches no row.
CREATE TABLE children (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
  birth_year integer CHECK (birth_year BETWEEN 1990 AND 2200),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE consent_records (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY,
  child_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('app_usage', 'data_processing', 'recording', 'cloud_sync')),
  granted boolean NOT NULL,
  -- Who decided; kept as a plain id so removing a member never rewrites the history.
  decided_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, child_id) REFERENCES children (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX consent_records_child ON consent_records (tenant_id, child_id, kind, id DESC);

ALTER TABLE children ENABLE ROW LEVEL SECURITY;
ALTER TABLE children FORCE ROW LEVEL SECURITY;
CREATE POLICY children_tenant ON children
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());

ALTER TABLE consent_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE consent_records FORCE ROW LEVEL SECURITY;
CREATE POLICY consent_records_read ON consent_records FOR SELECT
  USING (tenant_id = app_tenant());
CREATE POLICY consent_records_append ON consent_records FOR INSERT
  WITH CHECK (tenant_id = app_tenant());
