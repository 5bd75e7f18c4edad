/**
 * The rows of `vector_registry`: for each embedder (id, version, dimension) and representation,
 * which vec0 table holds its vectors and which table maps story ids to that table's rowids.
 * Plain reads and writes only; creating and dropping the tables is the store's job.
 */
import { createHash } from 'node:crypto';

import type Database from 'better-sqlite3';

import { isRepresentation, type Representation } from './representation';
import type { EmbedderIdentity } from './vector-validation';

export interface VectorIndexRecord {
  readonly registryId: number;
  readonly embedderId: string;
  readonly embedderVersion: string;
  readonly dimension: number;
  readonly representation: Representation;
  /** The vec0 virtual table. */
  readonly vecTable: string;
  /** `(key INTEGER PRIMARY KEY, id TEXT UNIQUE, exact BLOB)`: story id ↔ vec0 rowid. */
  readonly keysTable: string;
  readonly createdAt: string;
}

/** A record as listed now: whether it is the index queries read may change at any time. */
export interface RegisteredIndex extends VectorIndexRecord {
  readonly active: boolean;
}

interface RegistryRow {
  id: number;
  embedder_id: string;
  embedder_version: string;
  dimension: number;
  representation: string;
  vec_table: string;
  keys_table: string;
  active: number;
  created_at: string;
}

/**
 * Table names come from a hash of the registry key, never from the embedder id itself: ids are
 * free text, and SQL identifiers built from free text are an injection waiting to happen. The
 * same key always gives the same names, so set-up that is interrupted and re-run is idempotent.
 */
export function tableNamesFor(
  embedder: EmbedderIdentity,
  representation: Representation,
): { vecTable: string; keysTable: string } {
  const hash = createHash('sha256')
    .update(JSON.stringify([embedder.id, embedder.version, embedder.dimension, representation]))
    .digest('hex')
    .slice(0, 16);
  return { vecTable: `vec_${hash}`, keysTable: `vec_keys_${hash}` };
}

export class VectorRegistry {
  constructor(private readonly db: Database.Database) {}

  find(embedder: EmbedderIdentity, representation: Representation): RegisteredIndex | null {
    const row = this.db
      .prepare(
        `SELECT * FROM vector_registry
         WHERE embedder_id = ? AND embedder_version = ? AND dimension = ? AND representation = ?`,
      )
      .get(embedder.id, embedder.version, embedder.dimension, representation) as RegistryRow | undefined;
    return row ? toRecord(row) : null;
  }

  byId(registryId: number): RegisteredIndex | null {
    const row = this.db.prepare('SELECT * FROM vector_registry WHERE id = ?').get(registryId) as
      RegistryRow | undefined;
    return row ? toRecord(row) : null;
  }

  insert(embedder: EmbedderIdentity, representation: Representation): RegisteredIndex {
    const { vecTable, keysTable } = tableNamesFor(embedder, representation);
    const row = this.db
      .prepare(
        `INSERT INTO vector_registry
           (embedder_id, embedder_version, dimension, representation, vec_table, keys_table, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        embedder.id,
        embedder.version,
        embedder.dimension,
        representation,
        vecTable,
        keysTable,
        new Date().toISOString(),
      ) as RegistryRow;
    return toRecord(row);
  }

  list(): RegisteredIndex[] {
    return (this.db.prepare('SELECT * FROM vector_registry ORDER BY id').all() as RegistryRow[]).map(
      toRecord,
    );
  }

  active(): RegisteredIndex | null {
    const row = this.db.prepare('SELECT * FROM vector_registry WHERE active = 1').get() as
      RegistryRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Makes `registryId` the only active index (both updates in the caller's transaction). */
  setActive(registryId: number): void {
    this.db.prepare('UPDATE vector_registry SET active = 0 WHERE active = 1 AND id != ?').run(registryId);
    this.db.prepare('UPDATE vector_registry SET active = 1 WHERE id = ?').run(registryId);
  }

  delete(registryId: number): void {
    this.db.prepare('DELETE FROM vector_registry WHERE id = ?').run(registryId);
  }
}

function toRecord(row: RegistryRow): RegisteredIndex {
  if (!isRepresentation(row.representation)) {
    // The CHECK constraint makes this unreachable unless the file was edited by hand.
    throw new Error(`vector_registry row ${row.id} has an unknown representation "${row.representation}".`);
  }
  return {
    registryId: row.id,
    embedderId: row.embedder_id,
    embedderVersion: row.embedder_version,
    dimension: row.dimension,
    representation: row.representation,
    vecTable: row.vec_table,
    keysTable: row.keys_table,
    active: row.active === 1,
    createdAt: row.created_at,
  };
}
