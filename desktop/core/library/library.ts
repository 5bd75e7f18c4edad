/**
 * A library folder: `library.sqlite` (WAL) for stories and bookkeeping, `assets/` for the
 * content-addressed files, `tmp/` for staging on the same file system. Opening a folder
 * creates it when missing and brings its schema up to date.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { TalemoError } from '../errors';
import { AssetStore } from './asset-store';
import { runMigrations } from './migration-runner';
import { MIGRATIONS } from './migrations';
import { StoryRepository } from './story-repository';

export interface Library {
  readonly dir: string;
  readonly db: Database.Database;
  readonly stories: StoryRepository;
  readonly assets: AssetStore;
  /** True when this open created the database (first run). */
  readonly created: boolean;
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
  close(): void;
}

export function openLibrary(dir: string): Library {
  mkdirSync(dir, { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(join(dir, 'library.sqlite'));
    db.pragma('journal_mode = WAL');
  } catch (error) {
    throw new TalemoError('invalid-input', `Cannot open the library in ${dir}: ${(error as Error).message}`);
  }
  db.pragma('foreign_keys = ON');
  // Why: the CLI and the app may write at the same moment; wait for the lock instead of failing.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // Why mmap: vector scans read the whole index; mapped pages cut a 100k-story KNN by a third (models/vectors).
  db.pragma('mmap_size = 268435456');
  const { applied } = runMigrations(db, MIGRATIONS);
  const created = applied.includes(1);
  return {
    dir,
    db,
    stories: new StoryRepository(db),
    assets: new AssetStore(db, join(dir, 'assets'), join(dir, 'tmp')),
    created,
    getMeta: (key) =>
      (db.prepare('SELECT value FROM library_meta WHERE key = ?').get(key) as { value: string } | undefined)
        ?.value ?? null,
    setMeta: (key, value) => {
      db.prepare(
        'INSERT INTO library_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?',
      ).run(key, value, value);
    },
    close: () => db.close(),
  };
}
