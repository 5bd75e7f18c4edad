/**
 * The vector store's own tables, set up idempotently on every open. The library database has
 * numbered migrations owned by desktop/core; this module may not depend on them, so it keeps
 * its own one-row `vector_schema` record instead: a database written by a newer Talemo is
 * refused rather than misread, and an older one is brought forward here when a version 2 comes.
 *
 * Per-embedder tables (`vec_<hash>`, `vec_keys_<hash>`) are not created here: the store creates
 * them when an embedder is first registered.
 */
import type Database from 'better-sqlite3';

import { VectorError } from './vector-error';

export const VECTOR_SCHEMA_VERSION = 1;

const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS vector_registry (
  id INTEGER PRIMARY KEY,
  embedder_id TEXT NOT NULL,
  embedder_version TEXT NOT NULL,
  dimension INTEGER NOT NULL CHECK (dimension > 0),
  representation TEXT NOT NULL CHECK (representation IN ('float32', 'int8', 'bit')),
  vec_table TEXT NOT NULL UNIQUE,
  keys_table TEXT NOT NULL UNIQUE,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  UNIQUE (embedder_id, embedder_version, dimension, representation)
) STRICT;
-- Why: queries read exactly one table; the database itself forbids two active ones.
CREATE UNIQUE INDEX IF NOT EXISTS vector_registry_one_active ON vector_registry (active) WHERE active = 1;
`;

/** Creates or checks the store's tables. Safe to call on every open, from several processes. */
export function ensureVectorSchema(db: Database.Database): void {
  // IMMEDIATE: the app and the CLI may open the same library at once; one sets up, the other waits.
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS vector_schema (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`);
    const found = db.prepare('SELECT version FROM vector_schema WHERE id = 1').pluck().get() as
      number | undefined;
    if (found !== undefined && found > VECTOR_SCHEMA_VERSION) {
      throw new VectorError(
        'newer-schema',
        `This library's vector index was written by a newer Talemo (vector schema ${found}, this app knows ${VECTOR_SCHEMA_VERSION}). Update Talemo to search it.`,
      );
    }
    db.exec(SCHEMA_V1);
    if (found !== VECTOR_SCHEMA_VERSION) {
      db.prepare(
        `INSERT INTO vector_schema (id, version, updated_at) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`,
      ).run(VECTOR_SCHEMA_VERSION, new Date().toISOString());
    }
  }).immediate();
}
