// What the sync service remembers about the library's own side, beside the client's outbox:
// which account it syncs with, the library version of each story when it was last queued or
// written from the server (so changes made while signed out, or by the CLI, are found and
// queued later), and which nodes' audio stays on the computer that recorded it.
import type Database from 'better-sqlite3';
import { SYNC_TABLES_SQL } from './sync-schema.js';

export interface UnqueuedChanges {
  /** Stories whose library version differs from the one last queued or pulled. */
  changed: string[];
  /** Stories queued or pulled before that are no longer in the library. */
  deleted: string[];
}

export class SyncLocalState {
  constructor(private readonly db: Database.Database) {
    db.exec(SYNC_TABLES_SQL);
  }

  /** "<server URL> <tenant id>" the library last synced with, or null. */
  binding(): string | null {
    const row = this.db.prepare("SELECT value FROM sync_state WHERE key = 'binding'").get() as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setBinding(binding: string): void {
    this.db
      .prepare(
        "INSERT INTO sync_state (key, value) VALUES ('binding', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(binding);
  }

  /** Forgets the local marks: after switching account every story is new to the server. */
  forgetAll(): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sync_local_versions').run();
      this.db.prepare('DELETE FROM sync_withheld').run();
    })();
  }

  markSynced(storyId: string, localVersion: number): void {
    this.db
      .prepare(
        `INSERT INTO sync_local_versions (story_id, local_version) VALUES (?, ?)
         ON CONFLICT (story_id) DO UPDATE SET local_version = excluded.local_version`,
      )
      .run(storyId, localVersion);
  }

  localVersion(storyId: string): number | null {
    const row = this.db
      .prepare('SELECT local_version FROM sync_local_versions WHERE story_id = ?')
      .get(storyId) as { local_version: number } | undefined;
    return row?.local_version ?? null;
  }

  forget(storyId: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sync_local_versions WHERE story_id = ?').run(storyId);
      this.db.prepare('DELETE FROM sync_withheld WHERE story_id = ?').run(storyId);
    })();
  }

  unqueued(): UnqueuedChanges {
    const changed = this.db
      .prepare(
        `SELECT s.id FROM stories s LEFT JOIN sync_local_versions v ON v.story_id = s.id
         WHERE v.local_version IS NULL OR v.local_version <> s.version ORDER BY s.created_at, s.id`,
      )
      .pluck()
      .all() as string[];
    const deleted = this.db
      .prepare(
        `SELECT v.story_id FROM sync_local_versions v LEFT JOIN stories s ON s.id = v.story_id
         WHERE s.id IS NULL ORDER BY v.story_id`,
      )
      .pluck()
      .all() as string[];
    return { changed, deleted };
  }

  withheld(storyId: string): string[] {
    return this.db
      .prepare('SELECT node_id FROM sync_withheld WHERE story_id = ? ORDER BY node_id')
      .pluck()
      .all(storyId) as string[];
  }

  setWithheld(storyId: string, nodeIds: readonly string[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sync_withheld WHERE story_id = ?').run(storyId);
      const add = this.db.prepare('INSERT OR IGNORE INTO sync_withheld (story_id, node_id) VALUES (?, ?)');
      for (const nodeId of nodeIds) add.run(storyId, nodeId);
    })();
  }
}
