// The sync tables in the library's SQLite file. The outbox runs this itself (CREATE ... IF NOT
// EXISTS), so a library without the tables gains them on first use; the same text can be folded
// into a numbered library migration unchanged.
//
// - sync_outbox: changes waiting for the server, each with the op id it will always be sent with.
// - sync_versions: the server version each story was last seen at (an edit's base version).
// - sync_state: device id, pull cursor, last sync time, which account the library syncs with.
// - sync_local_versions: the library's own version of each story when it was last queued or
//   written from the server; a story whose version differs has changes not yet queued.
// - sync_withheld: nodes whose audio (a child's recording without consent) stays on the computer
//   that made it, so a story coming back from the cloud does not lose it there.
export const SYNC_TABLES_SQL = `
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
`;
