/**
 * For tests: a real SQLite file in a fresh temp folder, opened the way the library opens its
 * database (WAL), so the vector store is tested on what it will meet, not on :memory:.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

export interface TestDatabase {
  readonly path: string;
  db: Database.Database;
  /** Closes and opens the file again, as an app restart does. */
  reopen(): Database.Database;
  /** Closes the database and deletes its folder. */
  cleanup(): void;
}

export function openTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'talemo-vectors-'));
  const path = join(dir, 'library.sqlite');
  const open = (): Database.Database => {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    return db;
  };
  const handle: TestDatabase = {
    path,
    db: open(),
    reopen: () => {
      handle.db.close();
      handle.db = open();
      return handle.db;
    },
    cleanup: () => {
      if (handle.db.open) handle.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** Exact cosine top-k by brute force: the oracle the index is checked against. */
export function bruteForceTopK(
  stored: ReadonlyMap<string, Float32Array>,
  query: Float32Array,
  k: number,
): { id: string; score: number }[] {
  const unit = (v: Float32Array): number[] => {
    const norm = Math.hypot(...v);
    return [...v].map((x) => x / norm);
  };
  const q = unit(query);
  return [...stored]
    .map(([id, vector]) => ({ id, score: unit(vector).reduce((sum, x, i) => sum + x * (q[i] as number), 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

/** A seeded PRNG (mulberry32), so random tests are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
