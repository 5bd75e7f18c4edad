/**
 * Brings a library database up to the newest schema, one numbered migration at a time, each
 * in its own transaction. Each applied migration's checksum is recorded: if a landed
 * migration was edited afterwards, opening fails loudly instead of drifting silently.
 */
import { createHash } from 'node:crypto';

import type Database from 'better-sqlite3';

import { TalemoError } from '../errors';
import type { Migration } from './migrations';

export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

export function runMigrations(
  db: Database.Database,
  migrations: readonly Migration[],
): { applied: number[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  const done = new Map(
    (
      db.prepare('SELECT version, checksum FROM schema_migrations').all() as {
        version: number;
        checksum: string;
      }[]
    ).map((row) => [row.version, row.checksum]),
  );
  const newest = Math.max(0, ...done.keys());
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new TalemoError(
      'invalid-input',
      `This library was written by a newer Talemo (schema ${newest}, this app knows ${known}). Update Talemo to open it.`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    const checksum = migrationChecksum(migration);
    const recorded = done.get(migration.version);
    if (recorded !== undefined) {
      if (recorded !== checksum) {
        throw new TalemoError(
          'internal',
          `Migration ${migration.version} (${migration.name}) changed after it was applied to this library.`,
        );
      }
      continue;
    }
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, ?)').run(
        migration.version,
        migration.name,
        checksum,
        new Date().toISOString(),
      );
    })();
    applied.push(migration.version);
  }
  return { applied };
}
