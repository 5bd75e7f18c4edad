/**
 * Makes sure sqlite-vec is loaded on a connection. Extensions are per connection, and the
 * library opens its own handle, so the vector store loads it itself, once, and says clearly
 * when it cannot (a packaged app with vec0 left inside the asar is the usual cause).
 */
import type Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';

import { VectorError } from './vector-error';

/** Loads sqlite-vec on `db` unless it is already there; returns its version (`v0.1.9`). */
export function ensureSqliteVec(db: Database.Database): string {
  const loaded = sqliteVecVersion(db);
  if (loaded !== null) return loaded;
  try {
    sqliteVec.load(db);
  } catch (error) {
    throw new VectorError(
      'extension-unavailable',
      `The sqlite-vec extension could not be loaded, so vector search is unavailable: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const version = sqliteVecVersion(db);
  if (version === null) {
    throw new VectorError(
      'extension-unavailable',
      'sqlite-vec was loaded but vec_version() is still missing.',
    );
  }
  return version;
}

function sqliteVecVersion(db: Database.Database): string | null {
  try {
    return db.prepare('SELECT vec_version()').pluck().get() as string;
  } catch {
    // "no such function": the extension is not loaded on this connection yet.
    return null;
  }
}
