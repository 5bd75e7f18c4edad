/**
 * A parent's "not a duplicate" decisions (table from migration 0002): once a pair is marked,
 * the duplicate guard never flags it again, across restarts.
 */
import type Database from 'better-sqlite3';

import { canonicalPair } from '../../../models/dedupe/duplicate-guard';
import { TalemoError } from '../errors';

export interface DuplicateOverride {
  storyA: string;
  storyB: string;
  reason: string;
  decidedAt: string;
}

export class DuplicateOverrides {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Records the decision (a second decision on the same pair replaces the reason). */
  add(storyId: string, otherId: string, reason: string): DuplicateOverride {
    if (storyId === otherId)
      throw new TalemoError('invalid-input', 'A story cannot be a duplicate of itself.');
    const [storyA, storyB] = canonicalPair(storyId, otherId);
    const decidedAt = new Date().toISOString();
    try {
      this.#db
        .prepare(
          `INSERT INTO duplicate_overrides (story_a, story_b, reason, decided_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (story_a, story_b) DO UPDATE SET reason = excluded.reason, decided_at = excluded.decided_at`,
        )
        .run(storyA, storyB, reason, decidedAt);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new TalemoError(
          'not-found',
          'Both stories must be in this library to mark them "not a duplicate".',
        );
      }
      throw error;
    }
    return { storyA, storyB, reason, decidedAt };
  }

  has(storyId: string, otherId: string): boolean {
    const [storyA, storyB] = canonicalPair(storyId, otherId);
    return (
      this.#db
        .prepare('SELECT 1 FROM duplicate_overrides WHERE story_a = ? AND story_b = ?')
        .get(storyA, storyB) !== undefined
    );
  }

  list(): DuplicateOverride[] {
    return this.#db
      .prepare(
        'SELECT story_a AS storyA, story_b AS storyB, reason, decided_at AS decidedAt FROM duplicate_overrides ORDER BY decided_at',
      )
      .all() as DuplicateOverride[];
  }
}
