import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { reindex, type ReindexItem } from './reindex';
import { openTestDatabase, type TestDatabase } from './test-database';
import { VectorError } from './vector-error';
import { openVectorStore } from './vector-store';

/** Two fake embedders of the same dimension: same text, different vectors, like two models. */
function fakeEmbedder(id: string, dimension: number, salt: number) {
  const texts: string[] = [];
  const embedOne = (text: string): Float32Array => {
    const vector = new Float32Array(dimension);
    // Like models/embed: a text with nothing in it embeds to all zeros.
    if (text.trim() === '') return vector;
    vector.fill(0.01);
    for (let i = 0; i < text.length; i += 1) vector[(text.charCodeAt(i) * salt + i) % dimension]! += 1;
    return vector;
  };
  return {
    identity: { id, version: '1', dimension },
    /** Every text this embedder was asked to embed, in order. */
    texts,
    embed: async (
      batch: string[],
      options?: { signal?: AbortSignal | undefined },
    ): Promise<Float32Array[]> => {
      options?.signal?.throwIfAborted();
      texts.push(...batch);
      return batch.map(embedOne);
    },
    embedOne,
  };
}

const STORIES: ReindexItem[] = Array.from({ length: 50 }, (_, i) => ({
  id: `story-${String(i).padStart(2, '0')}`,
  text: `Once upon a time, dragon number ${i} was ${i % 2 ? 'shy' : 'brave'} and lived by the sea ${i * 7}.`,
}));

let test: TestDatabase;

beforeEach(() => {
  test = openTestDatabase();
});

afterEach(() => {
  test.cleanup();
});

describe('reindex', () => {
  it('fills the new embedder’s own table on a switch, without touching or mixing the old one', async () => {
    const store = openVectorStore(test.db);
    const oldModel = fakeEmbedder('old-model', 16, 3);
    const newModel = fakeEmbedder('new-model', 16, 5);
    const old = store.activate(oldModel.identity);
    await reindex(old, STORIES, oldModel.embed);
    expect(old.count()).toBe(50);

    const fresh = store.index(newModel.identity);
    expect(fresh.count()).toBe(0);
    expect(fresh.record.vecTable).not.toBe(old.record.vecTable);
    const progress: number[] = [];
    const result = await reindex(fresh, STORIES.slice(0, 30), newModel.embed, {
      batchSize: 8,
      onProgress: (p) => progress.push(p.seen),
    });
    expect(result).toEqual({ seen: 30, indexed: 30, empty: 0, skipped: 0, total: 30 });
    expect(progress).toEqual([8, 16, 24, 30]);
    store.activate(newModel.identity);

    // Queries read the active (new) table only: 30 stories, scored with the new model's vectors.
    const query = newModel.embedOne(STORIES[3]!.text);
    const matches = store.active()!.knn(query, 100);
    expect(matches).toHaveLength(30);
    expect(matches[0]).toMatchObject({ id: 'story-03', score: expect.closeTo(1, 5) });
    // The old table still has its 50 old-model vectors, untouched.
    expect(old.count()).toBe(50);
    expect(old.knn(oldModel.embedOne(STORIES[40]!.text), 1)[0]?.id).toBe('story-40');
  });

  it('can be cancelled, keeps the finished batches, and resumes where it stopped', async () => {
    const store = openVectorStore(test.db);
    const model = fakeEmbedder('model', 12, 7);
    const index = store.activate(model.identity);
    const controller = new AbortController();

    const cancelled = reindex(index, STORIES, model.embed, {
      batchSize: 10,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.indexed >= 20) controller.abort();
      },
    });
    await expect(cancelled).rejects.toThrow(VectorError);
    await expect(cancelled).rejects.toMatchObject({ reason: 'cancelled', message: /after 20 new stories/ });
    expect(index.count()).toBe(20);

    // An app restart in between: the new run sees what the old one committed.
    const reopened = openVectorStore(test.reopen()).active()!;
    model.texts.length = 0;
    const result = await reindex(reopened, toAsync(STORIES), model.embed, { batchSize: 10 });
    expect(result).toEqual({ seen: 50, indexed: 30, empty: 0, skipped: 20, total: null });
    expect(model.texts).toEqual(STORIES.slice(20).map((story) => story.text));
    expect(reopened.count()).toBe(50);
  });

  it('does nothing when aborted before it starts', async () => {
    const model = fakeEmbedder('model', 12, 7);
    const index = openVectorStore(test.db).activate(model.identity);
    await expect(reindex(index, STORIES, model.embed, { signal: AbortSignal.abort() })).rejects.toMatchObject(
      {
        reason: 'cancelled',
      },
    );
    expect(model.texts).toEqual([]);
    expect(index.count()).toBe(0);
  });

  it('reports an embedder that stopped on the abort as a cancel', async () => {
    const model = fakeEmbedder('model', 12, 7);
    const index = openVectorStore(test.db).activate(model.identity);
    const controller = new AbortController();
    const slow = async (
      texts: string[],
      options?: { signal?: AbortSignal | undefined },
    ): Promise<Float32Array[]> => {
      controller.abort(new Error('user pressed cancel'));
      return model.embed(texts, options);
    };
    await expect(reindex(index, STORIES, slow, { signal: controller.signal })).rejects.toMatchObject({
      reason: 'cancelled',
      cause: { message: 'user pressed cancel' },
    });
    expect(index.count()).toBe(0);
  });

  it('stores nothing for a story with nothing to embed, and says so', async () => {
    const model = fakeEmbedder('model', 12, 7);
    const index = openVectorStore(test.db).activate(model.identity);
    const items = [STORIES[0]!, { id: 'blank', text: '   ' }, STORIES[1]!];
    expect(await reindex(index, items, model.embed)).toEqual({
      seen: 3,
      indexed: 2,
      empty: 1,
      skipped: 0,
      total: 3,
    });
    expect(index.has('blank')).toBe(false);
  });

  it('embeds a story listed twice once, and refuses an embedder that returns too few vectors', async () => {
    const model = fakeEmbedder('model', 12, 7);
    const index = openVectorStore(test.db).activate(model.identity);
    const twice = [STORIES[0]!, STORIES[1]!, STORIES[0]!];
    expect(await reindex(index, twice, model.embed)).toMatchObject({ indexed: 2, skipped: 1 });
    expect(model.texts).toHaveLength(2);

    const broken = async (texts: string[]): Promise<Float32Array[]> => texts.slice(1).map(model.embedOne);
    await expect(reindex(index, STORIES.slice(2, 5), broken)).rejects.toThrow(
      /returned 2 vectors for 3 texts; it must return one per text/,
    );
    await expect(reindex(index, [{ id: '', text: 'x' }], model.embed)).rejects.toThrow(/Item 1's id must be/);
  });
});

async function* toAsync<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}
