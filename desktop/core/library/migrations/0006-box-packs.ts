/**
 * Migration 0006: the packs Talemo put on boxes. A Lunii pack carries no title of its own (its
 * `ni` holds numbers only), so the box's pack list is named from here: the pack's UUID, the
 * story it was made from (null for a STUdio zip installed without importing it), and the
 * title and description it had when it was installed.
 */
export const migration0006 = {
  version: 6,
  name: 'box-packs',
  sql: `
CREATE TABLE box_packs (
  pack_uuid TEXT PRIMARY KEY,
  story_id TEXT REFERENCES stories (id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  installed_at TEXT NOT NULL
) STRICT;
CREATE INDEX box_packs_story ON box_packs (story_id);
`,
} as const;
