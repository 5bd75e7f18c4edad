/**
 * The active embedder's vectors of every story, kept in step with the library: a save or an
 * import writes the story's vector, a delete removes it from every index. When the index
 * lacks stories (first run, an embedder switch, a crash between a save and its vector) a
 * background job fills it, with progress the app can observe. The job is resumable: stories
 * already indexed are skipped, so a cancelled or interrupted run continues where it stopped.
 */
import type Database from 'better-sqlite3';

import type { Embedder } from '../../../models/embed/embedder';
import { reindex, type ReindexItem } from '../../../models/vectors/reindex';
import type { VectorIndex } from '../../../models/vectors/vector-index';
import { openVectorStore, type VectorStore } from '../../../models/vectors/vector-store';

export interface IndexJobStatus {
  state: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  embedderId: string;
  /** Stories read so far by the running (or last) job. */
  done: number;
  total: number;
  /** Stories that have a vector in the active index. */
  indexed: number;
  message?: string | undefined;
}

/** An embedder that can also embed one text synchronously (the hashed one): saves index in their transaction. */
interface SyncEmbedder extends Embedder {
  embedOne(text: string): Float32Array;
}

function isSync(embedder: Embedder): embedder is SyncEmbedder {
  return typeof (embedder as Partial<SyncEmbedder>).embedOne === 'function';
}

export class StoryVectors {
  readonly store: VectorStore;
  readonly index: VectorIndex;
  readonly embedder: Embedder;
  #status: IndexJobStatus;
  #job: Promise<void> = Promise.resolve();
  /** Vectors of an asynchronous embedder, written one after another. */
  #writes: Promise<void> = Promise.resolve();
  #controller = new AbortController();
  readonly #listeners = new Set<(status: IndexJobStatus) => void>();

  constructor(db: Database.Database, embedder: Embedder) {
    this.store = openVectorStore(db);
    this.embedder = embedder;
    this.index = this.store.activate(embedder);
    this.#status = { state: 'idle', embedderId: embedder.id, done: 0, total: 0, indexed: this.index.count() };
  }

  async embed(text: string): Promise<Float32Array> {
    if (isSync(this.embedder)) return this.embedder.embedOne(text);
    const [vector] = await this.embedder.embed([text]);
    return vector!;
  }

  /**
   * Writes a story's vector. With a synchronous embedder it is written now (inside the
   * caller's transaction); otherwise it is queued, and written only if `exists` still holds.
   */
  upsert(id: string, text: string, exists: () => boolean): void {
    if (isSync(this.embedder)) {
      this.index.upsert(id, this.embedder.embedOne(text));
      return;
    }
    this.#writes = this.#writes
      .then(async () => {
        const [vector] = await this.embedder.embed([text]);
        if (vector && exists()) this.index.upsert(id, vector);
      })
      .catch(() => {
        // The next open's re-index repairs a vector that could not be written.
      });
  }

  remove(id: string): void {
    this.store.removeEverywhere(id);
  }

  /**
   * Starts the background re-index if the active index holds fewer vectors than there are
   * stories. `ids` lists every story; `textOf` reads one (null: deleted meanwhile).
   */
  startReindexIfNeeded(ids: string[], textOf: (id: string) => string | null): void {
    if (this.#status.state === 'running' || this.index.count() >= ids.length) return;
    const signal = this.#controller.signal;
    this.#update({ state: 'running', done: 0, total: ids.length, message: undefined });
    const items = function* (): Iterable<ReindexItem> {
      for (const id of ids) {
        const text = textOf(id);
        if (text !== null) yield { id, text };
      }
    };
    this.#job = reindex(
      this.index,
      items(),
      (texts, options) => this.embedder.embed(texts, { signal: options?.signal }),
      {
        signal,
        total: ids.length,
        onProgress: (progress) => this.#update({ done: progress.seen, indexed: this.index.count() }),
      },
    ).then(
      () => this.#update({ state: 'done', done: ids.length, indexed: this.index.count() }),
      (error: unknown) =>
        this.#update({
          state: signal.aborted ? 'cancelled' : 'failed',
          message: (error as Error).message,
        }),
    );
  }

  status(): IndexJobStatus {
    return { ...this.#status };
  }

  onStatus(listener: (status: IndexJobStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves when the background job and queued writes are done (never rejects). */
  async whenIdle(): Promise<void> {
    await this.#job;
    await this.#writes;
  }

  /** Resolves when the vectors of saves so far are written (never rejects). */
  whenWritten(): Promise<void> {
    return this.#writes;
  }

  /** Stops the background job (a later open resumes it). */
  cancel(): void {
    this.#controller.abort();
    this.#controller = new AbortController();
  }

  #update(changes: Partial<IndexJobStatus>): void {
    this.#status = { ...this.#status, ...changes };
    for (const listener of this.#listeners) listener(this.status());
  }
}
