/**
 * Migration 0005: narration. Per story, the voice it is read with; per node, where its audio
 * came from (synthesised, recorded, imported, or a placeholder sound a
 * new library's examples carry) and, for synthesised audio, the key of the text
 * and voice it was made from, so a re-narration redoes only the nodes whose words or voice
 * changed. tts_cache keeps every synthesis by that key (text edited, then edited back: no
 * new synthesis). child_profiles holds the recording consent a parent gives per child: a
 * local setting until the cloud syncs it.
 */
export const migration0005 = {
  version: 5,
  name: 'narration',
  sql: `
CREATE TABLE narration_settings (
  story_id TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
  voice_id TEXT NOT NULL,
  rate REAL NOT NULL,
  pitch REAL NOT NULL
) STRICT;
CREATE TABLE node_narrations (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('tts', 'recording', 'import', 'placeholder')),
  audio_hash TEXT NOT NULL,
  cache_key TEXT,
  speaker TEXT NOT NULL CHECK (speaker IN ('adult', 'child', 'voice')),
  profile_id TEXT,
  made_at TEXT NOT NULL,
  PRIMARY KEY (story_id, node_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE tts_cache (
  cache_key TEXT PRIMARY KEY,
  audio_hash TEXT NOT NULL,
  duration_sec REAL NOT NULL,
  made_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE child_profiles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  recording_consent INTEGER NOT NULL CHECK (recording_consent IN (0, 1)),
  consent_changed_at TEXT NOT NULL
) STRICT;
`,
} as const;
