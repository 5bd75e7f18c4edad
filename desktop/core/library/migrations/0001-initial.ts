/**
 * Migration 0001: stories, their full-text index, and the asset store's bookkeeping.
 * Landed migrations never change (migrations.lock.json holds their checksums); a new change
 * is a new numbered file.
 */
export const migration0001 = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  language TEXT NOT NULL,
  age_range TEXT NOT NULL,
  tags TEXT NOT NULL,
  duration_sec REAL NOT NULL,
  author TEXT NOT NULL,
  ai_generated INTEGER NOT NULL,
  moderation TEXT NOT NULL,
  night_mode INTEGER NOT NULL,
  pack_id TEXT NOT NULL,
  node_count INTEGER NOT NULL,
  cover_image TEXT,
  graph TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX stories_language ON stories (language, age_range);
CREATE INDEX stories_pack ON stories (pack_id);

CREATE TABLE story_tags (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  tag TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (story_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX story_tags_tag ON story_tags (tag);

-- Keyword search. Accents folded (remove_diacritics 2) so "elephant" finds "éléphant".
CREATE VIRTUAL TABLE stories_fts USING fts5 (
  story_id UNINDEXED, title, summary, tags, body,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE assets (
  hash TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mime TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Reference counts are the rows here: an asset nobody references can be collected.
CREATE TABLE story_assets (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  hash TEXT NOT NULL REFERENCES assets (hash),
  PRIMARY KEY (story_id, hash)
) STRICT, WITHOUT ROWID;
CREATE INDEX story_assets_hash ON story_assets (hash);

CREATE TABLE library_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`,
} as const;
