// Library sync for the desktop: changes are queued in the library's SQLite (SyncOutbox) whether
// or not there is a network, and sent in the background. A round uploads the assets the server
// lacks, pushes queued changes (each with the op id it was queued with, so a retry after a lost
// answer is recognised), then pulls what changed since the stored cursor.
import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import { InvalidSyncChangeError, SyncOfflineError } from './sync-errors.js';
import { SyncHttp, type SyncHttpOptions } from './sync-http.js';
import { SyncOutbox, type NewChange, type QueuedChange } from './sync-outbox.js';
import type { ChangeResult, PulledStory } from './sync-wire.js';

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** Changes waiting on this computer. */
  queued: number;
  /** ISO time of the last round that reached the server and finished. */
  lastSyncedAt: string | null;
  /** A sentence for the user when state is offline or error, or a change was refused. */
  message: string | null;
}

export interface SyncConflict {
  storyId: string;
  /** The new story the server made from this computer's edit; null for a delete that lost. */
  copyId: string | null;
}

export interface SyncClientOptions extends SyncHttpOptions {
  /** The library's database; the client adds its own sync_* tables to it. */
  db: Database.Database;
  /** Bytes of an asset this computer has, by SHA-256 (uploaded when the server lacks it). */
  readAsset(sha256: string): Promise<Buffer>;
  /** Stories changed on the server (by anyone, this computer included), oldest change first. */
  onPulled?(stories: PulledStory[]): void | Promise<void>;
  /** Pause between rounds while all is well; default 30 s. */
  intervalMs?: number;
  /** First pause after a failed round, doubled each time up to maxBackoffMs; default 1 s / 5 min. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Changes per push; default 50. */
  batchSize?: number;
  /** Bytes of JSON per push (the server's limit is 8 MiB by default); default 4 MiB. */
  batchBytes?: number;
  clock?: () => Date;
}

export interface SyncClientEvents {
  status: [SyncStatus];
  conflict: [SyncConflict];
}

export class SyncClient extends EventEmitter<SyncClientEvents> {
  private readonly outbox: SyncOutbox;
  private readonly http: SyncHttp;
  private readonly clock: () => Date;
  private current: SyncStatus;
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private failures = 0;
  /** A change was queued while a round was running: start the next round at once. */
  private nudged = false;

  constructor(private readonly options: SyncClientOptions) {
    super();
    this.outbox = new SyncOutbox(options.db);
    this.http = new SyncHttp(options);
    this.clock = options.clock ?? (() => new Date());
    this.current = {
      state: 'idle',
      queued: this.outbox.count(),
      lastSyncedAt: this.outbox.lastSyncedAt(),
      message: null,
    };
  }

  get status(): SyncStatus {
    return { ...this.current };
  }

  /** Queues a change; it is kept on disk until the server has answered it. */
  enqueue(change: NewChange): QueuedChange {
    if ((change.deleted === true) === (change.body !== undefined))
      throw new InvalidSyncChangeError('A sync change has either a story body or deleted: true, not both.');
    const queued = this.outbox.enqueue(change, this.clock());
    this.setStatus({ queued: this.outbox.count() });
    if (this.current.state === 'syncing') this.nudged = true;
    else if (this.running) this.schedule(0);
    return queued;
  }

  /** One round now. Concurrent calls share the round in progress. Never throws: see status. */
  syncOnce(): Promise<void> {
    this.inFlight ??= this.round().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Syncs now and then in the background, backing off while offline or failing. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.syncOnce().then(() => {
        if (!this.running) return;
        const ok = this.current.state === 'idle';
        if (ok && this.nudged) {
          this.nudged = false;
          this.schedule(0);
          return;
        }
        const backoff = this.options.backoffMs ?? 1000;
        const delay = ok
          ? (this.options.intervalMs ?? 30_000)
          : Math.min(this.options.maxBackoffMs ?? 300_000, backoff * 2 ** Math.max(0, this.failures - 1));
        if (!this.timer) this.schedule(delay);
      });
    }, delayMs);
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    const next = { ...this.current, ...patch };
    const changed = (Object.keys(next) as Array<keyof SyncStatus>).some((k) => next[k] !== this.current[k]);
    this.current = next;
    if (changed) this.emit('status', this.status);
  }

  private async round(): Promise<void> {
    this.setStatus({ state: 'syncing' });
    try {
      const refusals = await this.pushAll();
      await this.pullAll();
      const at = this.clock().toISOString();
      this.outbox.setLastSyncedAt(at);
      this.failures = 0;
      this.setStatus({
        state: 'idle',
        lastSyncedAt: at,
        queued: this.outbox.count(),
        message: refusals[0] ?? null,
      });
    } catch (error) {
      this.failures += 1;
      // Offline is expected and retried quietly; anything else (a refused token, a server
      // error, the onPulled callback failing) is shown as an error, and also retried.
      this.setStatus({
        state: error instanceof SyncOfflineError ? 'offline' : 'error',
        queued: this.outbox.count(),
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Pushes until the queue is empty or only refused changes remain; returns their messages. */
  private async pushAll(): Promise<string[]> {
    const deviceId = this.outbox.deviceId();
    const refusals: string[] = [];
    const refusedOps = new Set<string>();
    for (;;) {
      // Refused changes stay queued: ask for that many more so they cannot fill the batch.
      const size = this.options.batchSize ?? 50;
      const batch = this.withinBytes(
        this.outbox
          .nextBatch(size + refusedOps.size)
          .filter((c) => !refusedOps.has(c.opId))
          .slice(0, size),
      );
      if (batch.length === 0) return refusals;
      await this.uploadMissingAssets(batch);
      const results = await this.http.push(
        deviceId,
        batch.map(({ seq: _seq, lastError: _lastError, ...wire }) => wire),
      );
      for (const [i, result] of results.entries()) {
        const change = batch[i];
        if (!change || change.opId !== result.opId) continue;
        const refusal = this.settle(change, result);
        if (refusal) {
          refusals.push(refusal);
          refusedOps.add(change.opId);
        }
      }
      this.setStatus({ queued: this.outbox.count() });
    }
  }

  /** The longest prefix of `batch` under batchBytes, and always at least one change. */
  private withinBytes(batch: QueuedChange[]): QueuedChange[] {
    const limit = this.options.batchBytes ?? 4 * 1024 * 1024;
    let total = 0;
    const out: QueuedChange[] = [];
    for (const change of batch) {
      total += Buffer.byteLength(JSON.stringify(change));
      if (out.length > 0 && total > limit) break;
      out.push(change);
    }
    return out;
  }

  private async uploadMissingAssets(batch: QueuedChange[]): Promise<void> {
    const hashes = [...new Set(batch.flatMap((c) => [...c.assets, ...c.recordings.map((r) => r.sha256)]))];
    for (const hash of await this.http.missingAssets(hashes)) {
      await this.http.uploadAsset(hash, await this.options.readAsset(hash));
    }
  }

  /** Records the server's answer for one change; returns a message when it was refused. */
  private settle(change: QueuedChange, result: ChangeResult): string | null {
    if (result.status === 'rejected') {
      const message =
        result.message ?? `The server refused a change (${result.reason ?? 'no reason given'}).`;
      this.outbox.markRejected(change, message);
      return message;
    }
    // A duplicate repeats the first answer's fields: a copy id means it was a conflict.
    const conflict = result.status === 'conflict' || result.conflictCopyId !== undefined;
    if (!conflict) {
      this.outbox.applied(change, result.version ?? change.baseVersion + 1);
    } else if (result.conflictCopyId) {
      this.outbox.keptAsCopy(change, result.conflictCopyId, result.conflictCopyVersion ?? 1);
      this.emit('conflict', { storyId: change.storyId, copyId: result.conflictCopyId });
    } else {
      this.outbox.remove(change);
      this.emit('conflict', { storyId: change.storyId, copyId: null });
    }
    return null;
  }

  private async pullAll(): Promise<void> {
    for (;;) {
      const page = await this.http.pull(this.outbox.cursor());
      if (page.changes.length > 0) await this.options.onPulled?.(page.changes);
      // After the callback: if it throws, the same page comes again next round.
      for (const story of page.changes) this.outbox.setKnownVersion(story.storyId, story.version);
      this.outbox.setCursor(page.cursor);
      if (!page.more) return;
    }
  }
}
