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

  it('should give the stories of an existing library their keyword rows, dropping a stray one (0004)', () => {
    const db = tempDb();
    runMigrations(db, MIGRATIONS.slice(0, 3));
    const story = (id: string, title: string): void => {
      db.prepare(
        `INSERT INTO stories (id, title, summary, language, age_range, tags, duration_sec, author, ai_generated,
          moderation, night_mode, pack_id, node_count, graph, version, created_at, updated_at)
         VALUES (?, ?, '', 'en', '4-6', '[]', 0, '', 0, 'unchecked', 0, ?, 1, '{}', 1, 'now', 'now')`,
      ).run(id, title, id);
      db.prepare(
        "INSERT INTO stories_fts (story_id, title, summary, tags, body) VALUES (?, ?, '', '', '')",
      ).run(id, title);
    };
    story('a', 'The owl');
    // A row an older save of the fox left behind (the newest row is the one its last save wrote).
    db.prepare(
      "INSERT INTO stories_fts (story_id, title, summary, tags, body) VALUES ('b', 'Old fox', '', '', '')",
    ).run();
    story('b', 'The fox');
    runMigrations(db, MIGRATIONS);
    const search = (word: string): string[] =>
      (
        db
          .prepare(
            'SELECT s.id FROM stories_fts f JOIN stories s ON s.fts_rowid = f.rowid WHERE stories_fts MATCH ? ORDER BY s.id',
          )
          .all(word) as { id: string }[]
      ).map((row) => row.id);
    expect(search('fox')).toEqual(['b']);
    expect(search('owl')).toEqual(['a']);
    expect(search('old')).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) FROM stories_fts').pluck().get()).toBe(2);
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
