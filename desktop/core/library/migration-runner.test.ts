import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrationChecksum, runMigrations } from './migration-runner';
import { MIGRATIONS } from './migrations';
import { openLibrary } from './library';

const lock = JSON.parse(readFileSync(join(import.meta.dirname, 'migrations.lock.json'), 'utf8')) as Record<
  string,
  string
>;

function tempDb(): Database.Database {
  return new Database(join(mkdtempSync(join(tmpdir(), 'talemo-mig-')), 'library.sqlite'));
}

describe('migrations', () => {
  it('should never change once landed (checksums match migrations.lock.json)', () => {
    for (const migration of MIGRATIONS) {
      expect(lock[String(migration.version)], `migration ${migration.version} ${migration.name}`).toBe(
        migrationChecksum(migration),
      );
    }
  });

  it('should be numbered 1, 2, 3… with no gap', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
  });

  it('should apply every migration once, then nothing on the next open', () => {
    const db = tempDb();
    expect(runMigrations(db, MIGRATIONS).applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(runMigrations(db, MIGRATIONS).applied).toEqual([]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['stories', 'assets', 'story_assets']));
  });

  it('should refuse a library whose applied migration was edited afterwards', () => {
    const db = tempDb();
    runMigrations(db, MIGRATIONS);
    const edited = [{ ...MIGRATIONS[0]!, sql: `${MIGRATIONS[0]!.sql}\n-- edited` }, ...MIGRATIONS.slice(1)];
    expect(() => runMigrations(db, edited)).toThrow(/changed after it was applied/);
  });

  it('should refuse a library written by a newer app', () => {
    const db = tempDb();
    runMigrations(db, [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'future', sql: 'SELECT 1' }]);
    expect(() => runMigrations(db, MIGRATIONS)).toThrow(/newer Talemo/);
  });

  it('should roll back a migration that fails halfway, leaving the schema as it was', () => {
    const db = tempDb();
    runMigrations(db, MIGRATIONS);
    const broken = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half (x); SELECT * FROM nope;',
    };
    expect(() => runMigrations(db, [...MIGRATIONS, broken])).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    expect(runMigrations(db, MIGRATIONS).applied).toEqual([]);
  });

  it('should open the library in WAL mode with foreign keys on', () => {
    const library = openLibrary(mkdtempSync(join(tmpdir(), 'talemo-lib-')));
    expect(library.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(library.db.pragma('foreign_keys', { simple: true })).toBe(1);
    library.close();
  });
});
