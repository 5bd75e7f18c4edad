import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { REPRESENTATIONS, type Representation } from './representation';
import { bruteForceTopK, openTestDatabase, seededRandom, type TestDatabase } from './test-database';
import { VectorError } from './vector-error';
import type { VectorIndex } from './vector-index';
import { openVectorStore } from './vector-store';

const EMBEDDER = { id: 'test-embedder', version: '1', dimension: 8 };

/** Hand-made 8-dim vectors whose cosine with QUERY is known. */
const QUERY = [1, 0, 0, 0, 0, 0, 0, 0];
const HAND_MADE: Record<string, number[]> = {
  same: [2, 0, 0, 0, 0, 0, 0, 0], // cos 1 (length does not matter)
  close: [0.9, 0.1, 0, 0, 0, 0, 0, 0], // cos 0.9939
  diagonal: [1, 1, 0, 0, 0, 0, 0, 0], // cos 0.7071
  orthogonal: [0, 0, 1, 0, 0, 0, 0, 0], // cos 0
  opposite: [-1, 0, 0, 0, 0, 0, 0, 0], // cos -1
};

let test: TestDatabase;

beforeEach(() => {
  test = openTestDatabase();
});

afterEach(() => {
  test.cleanup();
});

function indexWith(
  representation: Representation,
  vectors: Record<string, number[]> = HAND_MADE,
): VectorIndex {
  const index = openVectorStore(test.db).activate(EMBEDDER, { representation });
  index.upsertMany(
    Object.entries(vectors).map(([id, vector]) => ({ id, vector: Float32Array.from(vector) })),
  );
  return index;
}

describe.each(REPRESENTATIONS)('VectorIndex (%s)', (representation) => {
  it('returns the nearest vectors best first, with cosine scores', () => {
    const index = indexWith(representation);
    const matches = index.knn(Float32Array.from(QUERY), 3);
    expect(matches.map((m) => m.id)).toEqual(['same', 'close', 'diagonal']);
    // int8 quantises, so its scores are approximate; float32 and bit (re-scored) are exact.
    const digits = representation === 'int8' ? 2 : 5;
    expect(matches[0]!.score).toBeCloseTo(1, digits);
    expect(matches[1]!.score).toBeCloseTo(0.9 / Math.hypot(0.9, 0.1), digits);
    expect(matches[2]!.score).toBeCloseTo(Math.SQRT1_2, digits);
    for (const match of matches) expect(match.distance).toBeCloseTo(1 - match.score, 10);
    const all = index.knn(Float32Array.from(QUERY), 10);
    expect(all.map((m) => m.id)).toEqual(['same', 'close', 'diagonal', 'orthogonal', 'opposite']);
    expect(all[4]!.score).toBeCloseTo(-1, digits);
  });

  it('replaces a vector on upsert and forgets it on remove', () => {
    const index = indexWith(representation);
    expect(index.count()).toBe(5);
    index.upsert('opposite', Float32Array.from(QUERY));
    expect(index.count()).toBe(5);
    expect(index.knn(Float32Array.from(QUERY), 2).map((m) => m.id)).toEqual(
      expect.arrayContaining(['same', 'opposite']),
    );

    expect(index.remove('same')).toBe(true);
    expect(index.remove('same')).toBe(false);
    expect(index.has('same')).toBe(false);
    expect(index.has('close')).toBe(true);
    expect(index.count()).toBe(4);
    expect(index.knn(Float32Array.from(QUERY), 10).map((m) => m.id)).not.toContain('same');
  });

  it('keeps to the candidate ids when asked to', () => {
    const index = indexWith(representation);
    const matches = index.knn(Float32Array.from(QUERY), 3, {
      candidates: ['orthogonal', 'close', 'not-indexed'],
    });
    expect(matches.map((m) => m.id)).toEqual(['close', 'orthogonal']);
    expect(index.knn(Float32Array.from(QUERY), 3, { candidates: [] })).toEqual([]);
  });

  it('answers an empty index with no results', () => {
    const index = openVectorStore(test.db).activate(EMBEDDER, { representation });
    expect(index.count()).toBe(0);
    expect(index.knn(Float32Array.from(QUERY), 10)).toEqual([]);
    expect(index.knn(Float32Array.from(QUERY), 10, { candidates: ['a'] })).toEqual([]);
  });
});

describe('VectorIndex against brute force', () => {
  const dimension = 32;
  const random = seededRandom(7);
  const stored = new Map<string, Float32Array>();
  for (let i = 0; i < 2000; i += 1) {
    stored.set(
      `story-${i}`,
      Float32Array.from({ length: dimension }, () => random() - 0.5),
    );
  }
  const query = Float32Array.from({ length: dimension }, () => random() - 0.5);
  const embedder = { id: 'random', version: '1', dimension };

  it('float32 gives the exact top 10, with and without a candidate filter', () => {
    const index = openVectorStore(test.db).activate(embedder);
    index.upsertMany([...stored].map(([id, vector]) => ({ id, vector })));
    const exact = bruteForceTopK(stored, query, 10);
    const found = index.knn(query, 10);
    expect(found.map((m) => m.id)).toEqual(exact.map((m) => m.id));
    found.forEach((match, i) => expect(match.score).toBeCloseTo(exact[i]!.score, 5));

    // 2 candidates of 2000: scored row by row. 200 candidates: a filtered KNN scan. Same answers.
    for (const size of [2, 200]) {
      const candidates = [...stored.keys()]
        .filter((_, i) => i % Math.floor(2000 / size) === 7)
        .slice(0, size);
      const subset = new Map(candidates.map((id) => [id, stored.get(id)!]));
      const expected = bruteForceTopK(subset, query, 5);
      const got = index.knn(query, 5, { candidates });
      expect(got.map((m) => m.id)).toEqual(expected.map((m) => m.id));
      got.forEach((match, i) => expect(match.score).toBeCloseTo(expected[i]!.score, 5));
    }
  });
});

describe.each(REPRESENTATIONS)('VectorIndex (%s) with a tiny filter on a big index', (representation) => {
  it('scores the few candidates row by row, with the same scores a scan gives', () => {
    const random = seededRandom(11);
    const dimension = 32;
    const stored = new Map<string, Float32Array>();
    for (let i = 0; i < 1000; i += 1) {
      stored.set(
        `story-${i}`,
        Float32Array.from({ length: dimension }, () => random() - 0.5),
      );
    }
    const index = openVectorStore(test.db).activate(
      { id: 'random', version: '1', dimension },
      { representation },
    );
    index.upsertMany([...stored].map(([id, vector]) => ({ id, vector })));
    const query = Float32Array.from({ length: dimension }, () => random() - 0.5);
    // 1 candidate in 1000 stored vectors: below the row-by-row threshold.
    const [match] = index.knn(query, 3, { candidates: ['story-417'] });
    const [exact] = bruteForceTopK(new Map([['story-417', stored.get('story-417')!]]), query, 1);
    expect(match?.id).toBe('story-417');
    expect(match?.score).toBeCloseTo(exact!.score, representation === 'int8' ? 1 : 5);
    const fromScan = index.knn(query, 1000).find((m) => m.id === 'story-417');
    expect(match?.score).toBeCloseTo(fromScan!.score, 5);
  });
});

describe('VectorIndex input checks', () => {
  function expectRefusal(run: () => unknown, reason: string, message: RegExp): void {
    let caught: unknown;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VectorError);
    expect((caught as VectorError).reason).toBe(reason);
    expect((caught as VectorError).message).toMatch(message);
  }

  it('rejects bad vectors with a message that says what is wrong', () => {
    const index = indexWith('float32');
    expectRefusal(
      () => index.upsert('a', new Float32Array(3)),
      'invalid-vector',
      /story a has 3 numbers, but this index holds 8-dimensional vectors/,
    );
    expectRefusal(
      () => index.upsert('a', [1, 0, Number.NaN, 0, 0, 0, 0, 0]),
      'invalid-vector',
      /NaN at position 2/,
    );
    expectRefusal(
      () => index.upsert('a', [1, 0, 0, Number.POSITIVE_INFINITY, 0, 0, 0, 0]),
      'invalid-vector',
      /Infinity at position 3/,
    );
    expectRefusal(
      () => index.upsert('a', 'not a vector' as unknown as Float32Array),
      'invalid-vector',
      /must be a Float32Array/,
    );
    expectRefusal(
      () => index.knn(new Float32Array(4), 3),
      'invalid-vector',
      /The query vector has 4 numbers/,
    );
    expectRefusal(() => index.upsert('', Float32Array.from(QUERY)), 'invalid-argument', /story id must be/);
    for (const k of [0, 1.5, 5000]) {
      expectRefusal(
        () => index.knn(Float32Array.from(QUERY), k),
        'invalid-argument',
        /k must be a whole number/,
      );
    }
    expectRefusal(
      () => index.knn(Float32Array.from(QUERY), 3, { candidates: 'same' as unknown as string[] }),
      'invalid-argument',
      /candidates must be an array/,
    );
  });

  it('stores nothing for an all-zeros vector (a text with nothing to embed) and matches nothing with it', () => {
    const index = indexWith('float32');
    expect(index.upsert('same', new Float32Array(8))).toBe(false);
    expect(index.has('same')).toBe(false);
    expect(index.count()).toBe(4);
    expect(index.upsert('blank', [0, 0, 0, 0, 0, 0, 0, 0])).toBe(false);
    expect(index.has('blank')).toBe(false);
    expect(index.knn(new Float32Array(8), 3)).toEqual([]);
    expect(index.upsert('blank', Float32Array.from(QUERY))).toBe(true);
  });

  it('writes nothing from a batch that holds one bad vector', () => {
    const index = indexWith('float32', {});
    expectRefusal(
      () =>
        index.upsertMany([
          { id: 'good', vector: Float32Array.from(QUERY) },
          { id: 'bad', vector: new Float32Array(8).fill(Number.NaN) },
        ]),
      'invalid-vector',
      /story bad has NaN/,
    );
    expect(index.count()).toBe(0);
  });
});
