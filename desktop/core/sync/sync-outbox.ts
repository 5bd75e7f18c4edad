// The client's persistent state, in the library's own SQLite file: queued changes (the outbox),
// the server version each story was last seen at, and the pull cursor and device id. The tables
// (sync-schema.ts) are created here with CREATE TABLE IF NOT EXISTS, so a library gains them on
// first use whether or not a library migration has made them already.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { SYNC_TABLES_SQL } from './sync-schema.js';
import type { RecordingRef, WireChange } from './sync-wire.js';

interface OutboxRow {
  seq: number;
  op_id: string;
  story_id: string;
  base_version: number;
  body: string | null;
  deleted: number;
  assets: string;
  recordings: string;
  last_error: string | null;
}

export interface QueuedChange extends WireChange {
  seq: number;
  lastError: string | null;
}

export interface NewChange {
  storyId: string;
  body?: Record<string, unknown>;
  deleted?: boolean;
  assets?: string[];
  recordings?: RecordingRef[];
}

export class SyncOutbox {
  constructor(private readonly db: Database.Database) {
    db.exec(SYNC_TABLES_SQL);
  }

  private getState(key: string): string | undefined {
    return (
      this.db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined
    )?.value;
  }

  private setState(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  /** This installation's id, made once: the server keys op ids by (device, op id). */
  deviceId(): string {
    const existing = this.getState('device_id');
    if (existing) return existing;
    const id = randomUUID();
    this.setState('device_id', id);
    return id;
  }

  cursor(): number {
    return Number(this.getState('cursor') ?? 0);
  }

  setCursor(cursor: number): void {
    this.setState('cursor', String(cursor));
  }

  lastSyncedAt(): string | null {
    return this.getState('last_synced_at') ?? null;
  }

  setLastSyncedAt(at: string): void {
    this.setState('last_synced_at', at);
  }

  knownVersion(storyId: string): number {
    const row = this.db.prepare('SELECT version FROM sync_versions WHERE story_id = ?').get(storyId) as
      { version: number } | undefined;
    return row?.version ?? 0;
  }

  setKnownVersion(storyId: string, version: number): void {
    this.db
      .prepare(
        'INSERT INTO sync_versions (story_id, version) VALUES (?, ?) ON CONFLICT (story_id) DO UPDATE SET version = excluded.version',
      )
      .run(storyId, version);
  }

  /**
   * Queues a change with a fresh op id, made once here and sent unchanged on every retry. Its base
   * version is the one the edit started from: the last queued change's for this story, else the
   * version last seen from the server.
   */
  enqueue(change: NewChange, now: Date): QueuedChange {
    const last = this.db
      .prepare('SELECT base_version FROM sync_outbox WHERE story_id = ? ORDER BY seq DESC LIMIT 1')
      .get(change.storyId) as { base_version: number } | undefined;
    const base = last?.base_version ?? this.knownVersion(change.storyId);
    const opId = randomUUID();
    const info = this.db
      .prepare(
        `INSERT INTO sync_outbox (op_id, story_id, base_version, body, deleted, assets, recordings, queued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        opId,
        change.storyId,
        base,
        change.deleted ? null : JSON.stringify(change.body ?? {}),
        change.deleted ? 1 : 0,
        JSON.stringify(change.assets ?? []),
        JSON.stringify(change.recordings ?? []),
        now.toISOString(),
      );
    return this.byRow(
      this.db.prepare('SELECT * FROM sync_outbox WHERE seq = ?').get(info.lastInsertRowid) as OutboxRow,
    );
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n;
  }

  /** Changes of this story still waiting for the server. */
  countFor(storyId: string): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM sync_outbox WHERE story_id = ?').get(storyId) as {
        n: number;
      }
    ).n;
  }

  /**
   * Forgets everything tied to the server account the library synced with (queue, versions,
   * cursor, last sync), keeping the device id: the library is about to sync with another one.
   */
  forgetServerState(): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sync_outbox').run();
      this.db.prepare('DELETE FROM sync_versions').run();
      this.db.prepare("DELETE FROM sync_state WHERE key IN ('cursor', 'last_synced_at')").run();
    })();
  }

  /**
   * The next batch: at most one change per story (the oldest), so a later edit of a story is sent
   * only once the server has answered the earlier one and its base version is known.
   */
  nextBatch(max: number): QueuedChange[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM sync_outbox o WHERE seq = (SELECT min(seq) FROM sync_outbox WHERE story_id = o.story_id)
         ORDER BY seq LIMIT ?`,
      )
      .all(max) as OutboxRow[];
    return rows.map((r) => this.byRow(r));
  }

  /** The server stored `change` as `version`: later queued edits of the story now build on it. */
  applied(change: QueuedChange, version: number): void {
    this.db.transaction(() => {
      this.remove(change);
      this.setKnownVersion(change.storyId, version);
      this.db
        .prepare('UPDATE sync_outbox SET base_version = ? WHERE story_id = ? AND base_version = ?')
        .run(version, change.storyId, change.baseVersion);
    })();
  }

  /**
   * The server kept `change` as a conflict copy: later queued edits from the same line of work go
   * to the copy, so they stay together instead of each making another copy.
   */
  keptAsCopy(change: QueuedChange, copyId: string, copyVersion: number): void {
    this.db.transaction(() => {
      this.remove(change);
      this.setKnownVersion(copyId, copyVersion);
      this.db
        .prepare(
          'UPDATE sync_outbox SET story_id = ?, base_version = ? WHERE story_id = ? AND base_version = ?',
        )
        .run(copyId, copyVersion, change.storyId, change.baseVersion);
    })();
  }

  remove(change: QueuedChange): void {
    this.db.prepare('DELETE FROM sync_outbox WHERE seq = ?').run(change.seq);
  }

  markRejected(change: QueuedChange, message: string): void {
    this.db.prepare('UPDATE sync_outbox SET last_error = ? WHERE seq = ?').run(message, change.seq);
  }

  private byRow(r: OutboxRow): QueuedChange {
    return {
      seq: r.seq,
      opId: r.op_id,
      storyId: r.story_id,
      baseVersion: r.base_version,
      ...(r.deleted ? { deleted: true } : { body: JSON.parse(r.body ?? '{}') as Record<string, unknown> }),
      assets: JSON.parse(r.assets) as string[],
      recordings: JSON.parse(r.recordings) as RecordingRef[],
      lastError: r.last_error,
    };
  }
}
