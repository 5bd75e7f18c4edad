/**
 * KNN (k = 10) over 100,000 clustered unit vectors × 384 dimensions in a temp SQLite file,
 * through the real vector index (models/vectors), for each representation sqlite-vec offers.
 * Baselines, measured in the same run and interleaved query by query so a busy machine slows
 * both sides alike:
 *  - the memory-bandwidth bound: one pass summing the representation's bytes in JS (a Float64Array
 *    view with 8 accumulators, the fastest JS reader we found); the headline ratio;
 *  - a plain Float32Array brute-force dot-product loop in JS, which is also the exact answer
 *    that recall@10 is measured against.
 * The returned result is the default representation (float32) on a connection set up as the
 * library sets up its own (WAL, no mmap). The table printed beside it is the measurement behind
 * choosing float32.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import {
  DEFAULT_REPRESENTATION,
  REPRESENTATIONS,
  REPRESENTATION_SPECS,
} from '../models/vectors/representation';
import type { Representation } from '../models/vectors/representation';
import { seededRandom } from '../models/vectors/test-database';
import type { VectorIndex } from '../models/vectors/vector-index';
import { openVectorStore } from '../models/vectors/vector-store';
import type { BenchResult } from './bench-result';

const COUNT = 100_000;
const DIMENSION = 384;
const K = 10;
const QUERIES = 21;
const WARM_UP_QUERIES = 2;
/** Topics; their sizes are skewed (a few big themes, many small ones), as in a real library. */
const CLUSTERS = 1000;
/** Noise length relative to the topic centre: a member's cosine to its centre is about 0.7. */
const SPREAD = 1;
const MIN_RECALL = 0.95;
const EMBEDDER = { id: 'bench-clustered', version: '1', dimension: DIMENSION };

interface Row {
  label: string;
  bytes: number;
  buildMs: number | null;
  queryMs: number;
  boundMs: number;
  recall: number;
}

export async function benchKnn(): Promise<BenchResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'talemo-bench-knn-'));
  try {
    const { vectors, queries } = clusteredVectors(seededRandom(20261123));
    const ids = Array.from(
      { length: COUNT },
      (_, i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    );
    const truth: string[][] = [];
    const bruteMs: number[] = [];
    const rows: Row[] = [];
    let headline: Row | null = null;
    let versions = '';

    // The default first: its loop also runs the JS brute force, which gives the exact answers.
    const order = [DEFAULT_REPRESENTATION, ...REPRESENTATIONS.filter((r) => r !== DEFAULT_REPRESENTATION)];
    for (const representation of order) {
      const db = new Database(join(workDir, `${representation}.sqlite`));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      try {
        const { index, buildMs } = buildIndex(db, representation, ids, vectors);
        versions ||= db
          .prepare("SELECT 'sqlite-vec ' || vec_version() || ', SQLite ' || sqlite_version()")
          .pluck()
          .get() as string;
        const bytes = COUNT * REPRESENTATION_SPECS[representation].bytesPerVector(DIMENSION);
        const bound = representation === 'float32' ? new Float64Array(vectors.buffer) : filledBytes(bytes);
        const withBrute = representation === DEFAULT_REPRESENTATION;
        const label = representation === 'bit' ? 'bit + float32 re-score' : representation;
        const measured = measureQueries(
          index,
          queries,
          bound,
          withBrute ? { vectors, truth, bruteMs, ids } : null,
        );
        const row = { label, bytes, buildMs, ...measured, recall: recallAt(measured.found, truth) };
        rows.push(row);
        if (withBrute) headline = row;
        if (representation === 'float32') {
          // The same table read through mmap: what one pragma in the library would give.
          db.pragma('mmap_size = 1073741824');
          const mapped = measureQueries(index, queries, bound, null);
          rows.push({ ...row, label: 'float32, mmap_size 1 GiB', buildMs: null, ...mapped });
        }
      } finally {
        db.close();
        rmSync(join(workDir, `${representation}.sqlite`), { force: true });
        rmSync(join(workDir, `${representation}.sqlite-wal`), { force: true });
        rmSync(join(workDir, `${representation}.sqlite-shm`), { force: true });
      }
    }
    if (!headline) throw new Error('the default representation was not measured');
    const brute = median(bruteMs);
    printTable(rows, brute, versions);
    if (headline.recall < MIN_RECALL) {
      throw new Error(
        `recall@10 of ${DEFAULT_REPRESENTATION} is ${headline.recall.toFixed(3)}, below ${MIN_RECALL}`,
      );
    }
    return {
      name: `KNN k=${K}, ${COUNT / 1000}k × ${DIMENSION} in SQLite, sqlite-vec ${DEFAULT_REPRESENTATION} (recall@10 ${headline.recall.toFixed(3)}; ${(headline.queryMs / brute).toFixed(2)}× the JS brute-force loop)`,
      baseline: `memory-bandwidth bound (one JS pass over the same ${(headline.bytes / 1e6).toFixed(0)} MB)`,
      ms: headline.queryMs,
      baselineMs: headline.boundMs,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function buildIndex(
  db: Database.Database,
  representation: Representation,
  ids: readonly string[],
  vectors: Float32Array,
): { index: VectorIndex; buildMs: number } {
  const start = performance.now();
  const index = openVectorStore(db).activate(EMBEDDER, { representation });
  const batch = 10_000;
  for (let first = 0; first < COUNT; first += batch) {
    const entries = [];
    for (let i = first; i < Math.min(COUNT, first + batch); i += 1) {
      entries.push({ id: ids[i]!, vector: vectors.subarray(i * DIMENSION, (i + 1) * DIMENSION) });
    }
    index.upsertMany(entries);
  }
  // Steady state: the vectors live in the database file, not in the WAL.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { index, buildMs: performance.now() - start };
}

function measureQueries(
  index: VectorIndex,
  queries: readonly Float32Array[],
  bound: Float64Array,
  brute: { vectors: Float32Array; truth: string[][]; bruteMs: number[]; ids: readonly string[] } | null,
): { queryMs: number; boundMs: number; found: string[][] } {
  for (let i = 0; i < WARM_UP_QUERIES; i += 1) index.knn(queries[i]!, K);
  const queryMs: number[] = [];
  const boundMs: number[] = [];
  const found: string[][] = [];
  let sink = 0;
  for (const query of queries) {
    let start = performance.now();
    sink += sumBytes(bound);
    boundMs.push(performance.now() - start);
    if (brute) {
      start = performance.now();
      const exact = bruteForceTopK(brute.vectors, query);
      brute.bruteMs.push(performance.now() - start);
      brute.truth.push(exact.map((n) => brute.ids[n]!));
    }
    start = performance.now();
    const matches = index.knn(query, K);
    queryMs.push(performance.now() - start);
    found.push(matches.map((m) => m.id));
  }
  if (Number.isNaN(sink)) console.log('(unreachable: keeps the sum alive)');
  return { queryMs: median(queryMs), boundMs: median(boundMs), found };
}

/** The bandwidth bound: read every byte once, as fast as plain JS can (8 bytes a load, 8 chains). */
function sumBytes(words: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  const end = words.length - (words.length % 8);
  for (let i = 0; i < end; i += 8) {
    s0 += words[i]!;
    s1 += words[i + 1]!;
    s2 += words[i + 2]!;
    s3 += words[i + 3]!;
    s4 += words[i + 4]!;
    s5 += words[i + 5]!;
    s6 += words[i + 6]!;
    s7 += words[i + 7]!;
  }
  return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
}

/** Bytes the size of an int8 or bit table, as small finite doubles so the sum does no special work. */
function filledBytes(bytes: number): Float64Array {
  return new Float64Array(bytes / 8).fill(0.5);
}

/** Baseline (a): exact top-k by a plain dot-product loop over the Float32Array; indices best first. */
function bruteForceTopK(vectors: Float32Array, query: Float32Array): number[] {
  const top = new Float64Array(K).fill(-Infinity);
  const index = new Int32Array(K).fill(-1);
  for (let n = 0; n < COUNT; n += 1) {
    const offset = n * DIMENSION;
    let dot = 0;
    for (let i = 0; i < DIMENSION; i += 1) dot += query[i]! * vectors[offset + i]!;
    if (dot <= top[K - 1]!) continue;
    let j = K - 1;
    while (j > 0 && top[j - 1]! < dot) {
      top[j] = top[j - 1]!;
      index[j] = index[j - 1]!;
      j -= 1;
    }
    top[j] = dot;
    index[j] = n;
  }
  return [...index];
}

function recallAt(found: readonly string[][], truth: readonly string[][]): number {
  let hits = 0;
  found.forEach((ids, q) => {
    const exact = new Set(truth[q]);
    hits += ids.filter((id) => exact.has(id)).length;
  });
  return hits / (K * found.length);
}

/**
 * Unit vectors around CLUSTERS random topic centres, topic sizes skewed (topic ⌊C·u²⌋ for uniform
 * u: the biggest holds ~3% of the library, the smallest a dozen stories). Queries are fresh
 * draws from topics, not stored vectors, so their neighbours are near but never identical.
 */
function clusteredVectors(random: () => number): { vectors: Float32Array; queries: Float32Array[] } {
  const gaussian = gaussianSource(random);
  const centres = new Float32Array(CLUSTERS * DIMENSION);
  for (let c = 0; c < CLUSTERS; c += 1) {
    const centre = centres.subarray(c * DIMENSION, (c + 1) * DIMENSION);
    for (let i = 0; i < DIMENSION; i += 1) centre[i] = gaussian();
    normalise(centre);
  }
  const noise = SPREAD / Math.sqrt(DIMENSION);
  const draw = (target: Float32Array): void => {
    const c = Math.floor(CLUSTERS * random() ** 2);
    for (let i = 0; i < DIMENSION; i += 1) target[i] = centres[c * DIMENSION + i]! + gaussian() * noise;
    normalise(target);
  };
  const vectors = new Float32Array(COUNT * DIMENSION);
  for (let n = 0; n < COUNT; n += 1) draw(vectors.subarray(n * DIMENSION, (n + 1) * DIMENSION));
  const queries = Array.from({ length: QUERIES }, () => {
    const query = new Float32Array(DIMENSION);
    draw(query);
    return query;
  });
  return { vectors, queries };
}

function normalise(vector: Float32Array): void {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i += 1) vector[i] = vector[i]! * scale;
}

function gaussianSource(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function printTable(rows: readonly Row[], bruteMs: number, versions: string): void {
  console.log(
    `KNN k=${K} over ${COUNT.toLocaleString('en')} × ${DIMENSION} clustered unit vectors, median of ${QUERIES} queries (${versions})`,
  );
  console.log(`  JS Float32Array brute force (exact): ${bruteMs.toFixed(1)} ms`);
  console.log(
    '  representation            |   MB  | build s | query ms | bound ms | × bound | × JS brute | recall@10',
  );
  for (const row of rows) {
    console.log(
      `  ${row.label.padEnd(26)}| ${(row.bytes / 1e6).toFixed(1).padStart(5)} | ${
        row.buildMs === null ? '      -' : (row.buildMs / 1000).toFixed(1).padStart(7)
      } | ${row.queryMs.toFixed(1).padStart(8)} | ${row.boundMs.toFixed(1).padStart(8)} | ${(
        row.queryMs / row.boundMs
      )
        .toFixed(2)
        .padStart(7)} | ${(row.queryMs / bruteMs).toFixed(2).padStart(10)} | ${row.recall.toFixed(3)}`,
    );
  }
}
