/**
 * Fills one index from the library's stories: the background job behind a model switch, and the
 * repair for an index that lost rows. It is resumable by construction: stories already in the
 * index are skipped, and every batch is committed on its own, so a job that was cancelled,
 * crashed or lost power starts again where it stopped, and only re-embeds what is missing.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

import { VectorError } from './vector-error';
import type { VectorIndex } from './vector-index';
import { checkId } from './vector-validation';

export interface ReindexItem {
  id: string;
  text: string;
}

/**
 * Any embedder's batch call, one vector per text, in order; models/embed's
 * `(texts) => embedder.embed(texts, options)` fits as it is.
 */
export type EmbedTexts = (
  texts: string[],
  options?: { signal?: AbortSignal | undefined },
) => Promise<readonly (Float32Array | readonly number[])[]>;

export interface ReindexProgress {
  /** Stories read so far. */
  seen: number;
  /** Stories embedded and written by this run. */
  indexed: number;
  /**
   * Stories whose text had nothing to embed (the embedder gave all zeros): nothing is stored for
   * them, so a later run embeds them again (cheap: such texts are empty or nearly).
   */
  empty: number;
  /** Stories that were already in the index. */
  skipped: number;
  /** How many stories there are, when known (an array, or `options.total`). */
  total: number | null;
}

export interface ReindexOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: ReindexProgress) => void) | undefined;
  /** Stories per embed call and per transaction. */
  batchSize?: number | undefined;
  total?: number | undefined;
}

const DEFAULT_BATCH_SIZE = 32;

export async function reindex(
  index: VectorIndex,
  items: AsyncIterable<ReindexItem> | Iterable<ReindexItem>,
  embed: EmbedTexts,
  options: ReindexOptions = {},
): Promise<ReindexProgress> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new VectorError('invalid-argument', `batchSize must be a whole number ≥ 1 (got ${batchSize}).`);
  }
  const total = options.total ?? (Array.isArray(items) ? items.length : null);
  const progress: ReindexProgress = { seen: 0, indexed: 0, empty: 0, skipped: 0, total };
  let reportedSeen = -1;
  const report = (): void => {
    reportedSeen = progress.seen;
    options.onProgress?.({ ...progress });
  };
  let pending: ReindexItem[] = [];
  /** Ids queued in this run, so a story listed twice is embedded once. */
  const queued = new Set<string>();

  const flush = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    // Checked per batch: ids already indexed (by an earlier run, or by a save meanwhile) are skipped.
    const present = index.indexedAmong(batch.map((item) => item.id));
    const todo = batch.filter((item) => !present.has(item.id));
    progress.skipped += batch.length - todo.length;
    if (todo.length > 0) {
      throwIfCancelled(options.signal, progress);
      let vectors: Awaited<ReturnType<EmbedTexts>>;
      try {
        vectors = await embed(
          todo.map((item) => item.text),
          { signal: options.signal },
        );
      } catch (error) {
        // An embedder stops on abort with the signal's reason; report it as this job's cancel.
        throwIfCancelled(options.signal, progress, error);
        throw error;
      }
      if (vectors.length !== todo.length) {
        throw new VectorError(
          'invalid-vector',
          `The embedder returned ${vectors.length} vectors for ${todo.length} texts; it must return one per text.`,
        );
      }
      // The batch is written even if a cancel arrived while it was embedded: the work is done and valid.
      const stored = index.upsertMany(todo.map((item, i) => ({ id: item.id, vector: vectors[i]! })));
      progress.indexed += stored;
      progress.empty += todo.length - stored;
    }
    report();
    // Let the app's event loop breathe (IPC, the cancel button) between batches.
    await yieldToEventLoop();
    throwIfCancelled(options.signal, progress);
  };

  throwIfCancelled(options.signal, progress);
  for await (const item of items) {
    progress.seen += 1;
    const id = checkId(item?.id, `Item ${progress.seen}'s id`);
    if (typeof item.text !== 'string') {
      throw new VectorError('invalid-argument', `The text of story ${id} must be a string.`);
    }
    if (queued.has(id)) {
      progress.skipped += 1;
      continue;
    }
    queued.add(id);
    pending.push(item);
    if (pending.length >= batchSize) await flush();
  }
  if (pending.length > 0) await flush();
  if (reportedSeen !== progress.seen) report();
  return progress;
}

function throwIfCancelled(signal: AbortSignal | undefined, progress: ReindexProgress, cause?: unknown): void {
  if (signal?.aborted) {
    throw new VectorError(
      'cancelled',
      `The re-index was cancelled after ${progress.indexed} new stories (${progress.skipped} already indexed); run it again to resume.`,
      { cause: cause ?? signal.reason },
    );
  }
}
