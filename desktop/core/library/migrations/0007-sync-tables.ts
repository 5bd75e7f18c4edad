/**
 * Migration 0007: the sync client's tables (desktop/core/sync), which it used to create on
 * first use, and each child's cloud-sync consent (a parent's second switch beside the recording
 * consent: a child's recordings leave the laptop only with both). The statements keep IF NOT EXISTS so a library where the client already made them
 * migrates without a change. Copied here as text, not imported: a landed migration never
 * changes, even when the client's schema constant does (add a new migration instead).
 */
export const migration0007 = {
  version: 7,
  name: 'sync-tables',
  sql: `
CREATE TABLE IF NOT EXISTS sync_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id TEXT NOT NULL UNIQUE,
  story_id TEXT NOT NULL,
  base_version INTEGER NOT NULL,
  body TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  assets TEXT NOT NULL DEFAULT '[]',
  recordings TEXT NOT NULL DEFAULT '[]',
  queued_at TEXT NOT NULL,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS sync_outbox_story ON sync_outbox (story_id, seq);
CREATE TABLE IF NOT EXISTS sync_versions (story_id TEXT PRIMARY KEY, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sync_local_versions (story_id TEXT PRIMARY KEY, local_version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sync_withheld (
  story_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  PRIMARY KEY (story_id, node_id)
);
ALTER TABLE child_profiles ADD COLUMN cloud_sync_consent INTEGER NOT NULL DEFAULT 0 CHECK (cloud_sync_consent IN (0, 1));
`,
} as const;
