import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openTestDatabase, type TestDatabase } from './test-database';
import { VectorError } from './vector-error';
import { VECTOR_SCHEMA_VERSION } from './vector-schema';
import { openVectorStore } from './vector-store';

const HASHED = { id: 'hashed-ngrams', version: '1', dimension: 4 };
const NEURAL = { id: 'minilm-l12', version: 'q8-2024', dimension: 6 };

let test: TestDatabase;

beforeEach(() => {
  test = openTestDatabase();
});

afterEach(() => {
  test.cleanup();
});

function tableNames(): string[] {
  return (
    test.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
  ).sort();
}

describe('VectorStore', () => {
  it('keeps its registry, the active index and the vectors across a restart', () => {
    const store = openVectorStore(test.db);
    expect(store.active()).toBeNull();
    store.activate(HASHED).upsert('story-1', [1, 0, 0, 0]);
    const [before] = store.list();

    const reopened = openVectorStore(test.reopen());
    const active = reopened.active();
    expect(active?.record).toMatchObject({
      embedderId: 'hashed-ngrams',
      embedderVersion: '1',
      dimension: 4,
      representation: 'float32',
      vecTable: before!.vecTable,
      keysTable: before!.keysTable,
    });
    expect(active?.knn([1, 0, 0, 0], 1)).toEqual([{ id: 'story-1', distance: expect.any(Number), score: 1 }]);
    expect(reopened.list()).toEqual([before]);
    expect(test.db.prepare('SELECT version FROM vector_schema').pluck().get()).toBe(VECTOR_SCHEMA_VERSION);
  });

  it('sets itself up idempotently on an already set-up database', () => {
    openVectorStore(test.db).index(HASHED);
    const tables = tableNames();
    const again = openVectorStore(test.db);
    expect(again.index(HASHED).record).toEqual(openVectorStore(test.db).index(HASHED).record);
    expect(tableNames()).toEqual(tables);
    expect(again.list()).toHaveLength(1);
  });

  it('gives each embedder, version and representation its own table, and one active index', () => {
    const store = openVectorStore(test.db);
    const hashed = store.activate(HASHED);
    const neural = store.index(NEURAL);
    const nextVersion = store.index({ ...HASHED, version: '2' });
    const hashedBits = store.index({ ...NEURAL, dimension: 8 }, { representation: 'bit' });
    const tables = new Set([hashed, neural, nextVersion, hashedBits].map((index) => index.record.vecTable));
    expect(tables.size).toBe(4);
    expect(store.active()?.record.registryId).toBe(hashed.record.registryId);

    store.activate(NEURAL);
    expect(store.active()?.record.registryId).toBe(neural.record.registryId);
    expect(store.list().filter((record) => record.active)).toHaveLength(1);
    expect(test.db.prepare('SELECT count(*) FROM vector_registry WHERE active = 1').pluck().get()).toBe(1);
  });

  it('drops old indexes, never the active one', () => {
    const store = openVectorStore(test.db);
    const old = store.index(HASHED);
    old.upsert('story-1', [1, 2, 3, 4]);
    store.activate(NEURAL);
    expect(() => store.drop(store.active()!)).toThrow(
      /is the active one; activate another before dropping it/,
    );

    expect(store.dropInactive().map((record) => record.embedderId)).toEqual(['hashed-ngrams']);
    expect(tableNames().filter((name) => name.startsWith(old.record.vecTable))).toEqual([]);
    expect(tableNames()).not.toContain(old.record.keysTable);
    expect(store.list().map((record) => record.embedderId)).toEqual(['minilm-l12']);
    expect(() => old.count()).toThrow(VectorError);
    expect(() => old.knn([1, 0, 0, 0], 1)).toThrow(/was dropped/);
    // Asking again starts a new, empty index.
    expect(store.index(HASHED).count()).toBe(0);
  });

  it('removes a deleted story from every index', () => {
    const store = openVectorStore(test.db);
    store.index(HASHED).upsert('story-1', [1, 0, 0, 0]);
    store.activate(NEURAL).upsert('story-1', [0, 1, 0, 0, 0, 0]);
    store.activate(NEURAL).upsert('story-2', [0, 1, 0, 0, 0, 0]);
    expect(store.removeEverywhere('story-1')).toBe(2);
    expect(store.index(HASHED).has('story-1')).toBe(false);
    expect(
      store
        .active()!
        .knn([0, 1, 0, 0, 0, 0], 5)
        .map((m) => m.id),
    ).toEqual(['story-2']);
  });

  it('refuses a database written by a newer vector schema', () => {
    openVectorStore(test.db);
    test.db.prepare('UPDATE vector_schema SET version = ?').run(VECTOR_SCHEMA_VERSION + 1);
    expect(() => openVectorStore(test.db)).toThrow(/written by a newer Talemo .*Update Talemo/);
  });

  it('refuses bad embedder identities and representations with a clear message', () => {
    const store = openVectorStore(test.db);
    expect(() => store.index({ ...HASHED, dimension: 0 })).toThrow(/dimension 0; it must be a whole number/);
    expect(() => store.index({ ...HASHED, version: '' })).toThrow(/needs a non-empty version/);
    expect(() => store.index({ ...HASHED, id: ' ' })).toThrow(/embedder id must be a non-empty string/);
    expect(() => store.index(HASHED, { representation: 'pq' as 'bit' })).toThrow(
      /Unknown vector representation "pq"/,
    );
    expect(() => store.index(NEURAL, { representation: 'bit' })).toThrow(/dimension divisible by 8/);
    expect(store.list()).toEqual([]);
  });

  it('builds table names from a hash, so any embedder id is safe in SQL', () => {
    const store = openVectorStore(test.db);
    const index = store.activate({ id: 'x"; DROP TABLE vector_registry; --', version: "1'", dimension: 4 });
    index.upsert('story-1', [0, 0, 1, 0]);
    expect(index.record.vecTable).toMatch(/^vec_[0-9a-f]{16}$/);
    expect(index.knn([0, 0, 1, 0], 1)[0]?.id).toBe('story-1');
    expect(tableNames()).toContain('vector_registry');
  });
});
