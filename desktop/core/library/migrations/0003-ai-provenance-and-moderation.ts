/**
 * Migration 0003: what made an AI story (model, prompt version, seed, token counts; JSON,
 * null for a story a person wrote), and a parent's moderation decisions: a story flagged by
 * moderation can go on a box only after a parent approved exactly those findings, and each
 * decision is kept with its reason and time. What the drafting model's moderation pass found
 * in a story is kept too, for the content it read (an edit makes it stale).
 */
export const migration0003 = {
  version: 3,
  name: 'ai-provenance-and-moderation',
  sql: `
ALTER TABLE stories ADD COLUMN ai_provenance TEXT;

CREATE TABLE moderation_decisions (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  -- SHA-256 of the findings the parent saw: new findings after an edit need a new decision.
  findings_hash TEXT NOT NULL,
  findings TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (story_id, findings_hash)
) STRICT;

CREATE TABLE moderation_model_findings (
  story_id TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
  -- SHA-256 of the words the model read: the findings hold only while they are unchanged.
  content_hash TEXT NOT NULL,
  model TEXT NOT NULL,
  findings TEXT NOT NULL,
  checked_at TEXT NOT NULL
) STRICT;
`,
} as const;
