-- Library sync: story documents, a per-tenant change log with a cursor, the client operations
-- already applied (so a retried push is answered, not re-applied) and the tenant's assets.
--
-- Cursors: every push first bumps its tenant's row in sync_counters and holds that row lock
-- until commit. A second push in the same tenant waits on the lock, and under READ COMMITTED
-- its UPDATE then reads the committed counter, so cursors are handed out in commit order. A pull
-- can therefore never see cursor N+1 while N is still uncommitted (which would make a client
-- skip N forever). Pushes of one tenant are serialised; pushes of different tenants are not.
CREATE TABLE sync_counters (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  last_cursor bigint NOT NULL DEFAULT 0
);

CREATE TABLE sync_documents (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  base_version integer NOT NULL CHECK (base_version >= 0),
  body jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  -- The cursor of this document's latest change: a pull returns each story once, at its latest.
  cursor bigint NOT NULL,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX sync_documents_cursor ON sync_documents (tenant_id, cursor);

CREATE TABLE sync_changes (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  cursor bigint NOT NULL,
  story_id uuid NOT NULL,
  version integer NOT NULL,
  deleted boolean NOT NULL,
  device_id text NOT NULL,
  op_id text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, cursor),
  FOREIGN KEY (tenant_id, story_id) REFERENCES sync_documents (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE sync_applied_ops (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  device_id text NOT NULL CHECK (length(device_id) BETWEEN 1 AND 100),
  op_id text NOT NULL CHECK (length(op_id) BETWEEN 1 AND 100),
  -- The answer given the first time, returned again (as 'duplicate') to a retry.
  result jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, device_id, op_id)
);

CREATE TABLE sync_assets (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sha256)
);

-- Which assets are a child's recordings: what a child's erasure or a withdrawn consent must find.
-- Deleting the child deletes these rows (the bytes are the erasure's job).
CREATE TABLE sync_recordings (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  sha256 text NOT NULL,
  child_id uuid NOT NULL,
  story_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sha256, child_id, story_id),
  FOREIGN KEY (tenant_id, sha256) REFERENCES sync_assets (tenant_id, sha256) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, child_id) REFERENCES children (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE sync_recordings ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_recordings FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_recordings_tenant ON sync_recordings
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
ALTER TABLE sync_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_counters_tenant ON sync_counters
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
ALTER TABLE sync_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_documents FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_documents_tenant ON sync_documents
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
ALTER TABLE sync_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_changes_tenant ON sync_changes
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
ALTER TABLE sync_applied_ops ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_applied_ops FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_applied_ops_tenant ON sync_applied_ops
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
ALTER TABLE sync_assets ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_assets FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_assets_tenant ON sync_assets
  USING (tenant_id = app_tenant()) WITH CHECK (tenant_id = app_tenant());
