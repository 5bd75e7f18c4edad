/**
 * Migration 0002: a parent's "not a duplicate" decisions. One row per pair of stories, stored
 * in one order (story_a < story_b) so a pair is found whichever way it is asked; the pair goes
 * when either story is deleted.
 */
export const migration0002 = {
  version: 2,
  name: 'duplicate-overrides',
  sql: `
CREATE TABLE duplicate_overrides (
  story_a TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  story_b TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (story_a, story_b),
  CHECK (story_a < story_b)
) STRICT, WITHOUT ROWID;
CREATE INDEX duplicate_overrides_b ON duplicate_overrides (story_b);
`,
} as const;
