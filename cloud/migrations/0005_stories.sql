-- Story metadata, the tenant-scoped resource library sync builds on. Kept minimal on purpose:
-- the sync domain adds its columns in its own migration. The key includes tenant_id, so the
-- same client-made id in two tenants never collides (a collision would tell one tenant that
-- the other has that id).
CREATE TABLE stories (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX stories_updated ON stories (tenant_id, updated_at);

ALTER TABLE stories ENABLE ROW LEVEL SECURITY;
ALTER TABLE stories FORCE ROW LEVEL SECURITY;
CREATE POLICY stories_tenant ON stories
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
