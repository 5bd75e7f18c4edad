/**
 * The narration tables (migration 0005): a story's voice, where each node's audio came from,
 * the synthesis cache, and the children's recording consent. Plain rows, no audio work.
 */
import type Database from 'better-sqlite3';

export type NarrationSource = 'tts' | 'recording' | 'import' | 'placeholder';
/** Who speaks: a grown-up, a child (needs the recording consent), or a synthetic voice. */
export type Speaker = 'adult' | 'child' | 'voice';

export interface VoiceSettings {
  voiceId: string;
  /** 1 is the voice's normal speed; 0.5 to 2. */
  rate: number;
  /** 1 is the voice's normal pitch; 0.5 to 1.5. */
  pitch: number;
}

export interface NodeNarration {
  nodeId: string;
  source: NarrationSource;
  audioHash: string;
  cacheKey: string | null;
  speaker: Speaker;
  profileId: string | null;
  madeAt: string;
}

export interface ChildProfile {
  id: string;
  name: string;
  recordingConsent: boolean;
  /** A parent agreed that this child's recordings may be synced to the family's cloud. */
  cloudSyncConsent: boolean;
  consentChangedAt: string;
}

interface NodeRow {
  node_id: string;
  source: NarrationSource;
  audio_hash: string;
  cache_key: string | null;
  speaker: Speaker;
  profile_id: string | null;
  made_at: string;
}

export class NarrationStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  voiceSettings(storyId: string): VoiceSettings | null {
    const row = this.#db
      .prepare('SELECT voice_id, rate, pitch FROM narration_settings WHERE story_id = ?')
      .get(storyId) as { voice_id: string; rate: number; pitch: number } | undefined;
    return row ? { voiceId: row.voice_id, rate: row.rate, pitch: row.pitch } : null;
  }

  setVoiceSettings(storyId: string, settings: VoiceSettings): void {
    this.#db
      .prepare(
        `INSERT INTO narration_settings (story_id, voice_id, rate, pitch) VALUES (?, ?, ?, ?)
         ON CONFLICT (story_id) DO UPDATE SET voice_id = excluded.voice_id, rate = excluded.rate, pitch = excluded.pitch`,
      )
      .run(storyId, settings.voiceId, settings.rate, settings.pitch);
  }

  nodes(storyId: string): Map<string, NodeNarration> {
    const rows = this.#db
      .prepare(
        'SELECT node_id, source, audio_hash, cache_key, speaker, profile_id, made_at FROM node_narrations WHERE story_id = ?',
      )
      .all(storyId) as NodeRow[];
    return new Map(
      rows.map((row) => [
        row.node_id,
        {
          nodeId: row.node_id,
          source: row.source,
          audioHash: row.audio_hash,
          cacheKey: row.cache_key,
          speaker: row.speaker,
          profileId: row.profile_id,
          madeAt: row.made_at,
        },
      ]),
    );
  }

  recordNode(storyId: string, narration: Omit<NodeNarration, 'madeAt'>, madeAt = new Date()): void {
    this.#db
      .prepare(
        `INSERT INTO node_narrations (story_id, node_id, source, audio_hash, cache_key, speaker, profile_id, made_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (story_id, node_id) DO UPDATE SET source = excluded.source, audio_hash = excluded.audio_hash,
           cache_key = excluded.cache_key, speaker = excluded.speaker, profile_id = excluded.profile_id,
           made_at = excluded.made_at`,
      )
      .run(
        storyId,
        narration.nodeId,
        narration.source,
        narration.audioHash,
        narration.cacheKey,
        narration.speaker,
        narration.profileId,
        madeAt.toISOString(),
      );
  }

  cached(cacheKey: string): { audioHash: string; durationSec: number } | null {
    const row = this.#db
      .prepare('SELECT audio_hash, duration_sec FROM tts_cache WHERE cache_key = ?')
      .get(cacheKey) as { audio_hash: string; duration_sec: number } | undefined;
    return row ? { audioHash: row.audio_hash, durationSec: row.duration_sec } : null;
  }

  cache(cacheKey: string, audioHash: string, durationSec: number): void {
    this.#db
      .prepare(
        `INSERT INTO tts_cache (cache_key, audio_hash, duration_sec, made_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (cache_key) DO UPDATE SET audio_hash = excluded.audio_hash, duration_sec = excluded.duration_sec`,
      )
      .run(cacheKey, audioHash, durationSec, new Date().toISOString());
  }

  profiles(): ChildProfile[] {
    const rows = this.#db
      .prepare(
        'SELECT id, name, recording_consent, cloud_sync_consent, consent_changed_at FROM child_profiles ORDER BY name',
      )
      .all() as {
      id: string;
      name: string;
      recording_consent: number;
      cloud_sync_consent: number;
      consent_changed_at: string;
    }[];
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      recordingConsent: row.recording_consent === 1,
      cloudSyncConsent: row.cloud_sync_consent === 1,
      consentChangedAt: row.consent_changed_at,
    }));
  }

  profile(id: string): ChildProfile | null {
    return this.profiles().find((profile) => profile.id === id) ?? null;
  }

  saveProfile(
    input: { id: string; name: string; recordingConsent: boolean; cloudSyncConsent?: boolean | undefined },
    now = new Date(),
  ): ChildProfile {
    const previous = this.profile(input.id);
    // Why keep the old value when unsaid: a client that knows only the recording switch must not clear the other.
    const profile = {
      ...input,
      cloudSyncConsent: input.cloudSyncConsent ?? previous?.cloudSyncConsent ?? false,
    };
    const changedAt =
      previous &&
      previous.recordingConsent === profile.recordingConsent &&
      previous.cloudSyncConsent === profile.cloudSyncConsent
        ? previous.consentChangedAt
        : now.toISOString();
    this.#db
      .prepare(
        `INSERT INTO child_profiles (id, name, recording_consent, cloud_sync_consent, consent_changed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, recording_consent = excluded.recording_consent,
           cloud_sync_consent = excluded.cloud_sync_consent, consent_changed_at = excluded.consent_changed_at`,
      )
      .run(
        profile.id,
        profile.name,
        profile.recordingConsent ? 1 : 0,
        profile.cloudSyncConsent ? 1 : 0,
        changedAt,
      );
    return { ...profile, consentChangedAt: changedAt };
  }
}
