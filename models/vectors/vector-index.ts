/**
 * One embedder's vectors: a vec0 table plus a key table that maps TEXT story ids to the
 * integer rowids vec0 needs. Vectors are checked and made unit length on the way in; KNN
 * answers cosine similarity. Every write touches both tables in one transaction, so the two
 * never disagree.
 */
import type Database from 'better-sqlite3';

import {
  BIT_OVERSAMPLING,
  REPRESENTATION_SPECS,
  floatBytes,
  type RepresentationSpec,
} from './representation';
import { VectorError } from './vector-error';
import type { VectorIndexRecord } from './vector-registry';
import { MAX_K, checkId, checkK, toUnitVector } from './vector-validation';

export interface KnnMatch {
  id: string;
  /** Cosine distance, 1 − score: 0 for the same direction, 2 for the opposite one. */
  distance: number;
  /** Cosine similarity, from −1 to 1. */
  score: number;
}

export interface KnnOptions {
  /** Only these story ids may be returned (the library's filters, resolved to ids). */
  candidates?: readonly string[] | undefined;
}

export interface VectorEntry {
  id: string;
  vector: Float32Array | readonly number[];
}

/**
 * A candidate filter this much smaller than the index is scored row by row; larger ones use a
 * KNN scan restricted with `rowid IN (…)`. Measured at 100k × 384 (float32): the filtered scan
 * costs about 0.5 µs per stored vector (≈ 50 ms) whatever the filter, while fetching one vector
 * from vec0 by rowid costs about 0.35 ms when the candidates are spread over the table (it
 * walks a chunk's overflow pages): 16 spread candidates 4.7 ms, 64 took 22 ms, cold.
 */
const DIRECT_SCORING_RATIO = 1000;

export class VectorIndex {
  readonly record: VectorIndexRecord;
  private readonly spec: RepresentationSpec;
  private dropped = false;
  private readonly statements: {
    keyOf: Database.Statement;
    insertKey: Database.Statement;
    updateExact: Database.Statement;
    deleteKey: Database.Statement;
    insertVector: Database.Statement;
    deleteVector: Database.Statement;
    count: Database.Statement;
    indexedAmong: Database.Statement;
    scan: Database.Statement;
    scanAmong: Database.Statement;
    scoreAmong: Database.Statement;
  };

  constructor(
    private readonly db: Database.Database,
    record: VectorIndexRecord,
  ) {
    this.record = record;
    this.spec = REPRESENTATION_SPECS[record.representation];
    const vec = `"${record.vecTable}"`;
    const keys = `"${record.keysTable}"`;
    const query = this.spec.wrap('@q');
    const amongIds = `SELECT value FROM json_each(@ids)`;
    const exact = this.spec.keepsExact ? ', k.exact AS exact' : '';
    // CROSS JOIN fixes the join order: the KNN result (or the candidate keys) drives the lookups.
    const scan = (filter: string): string =>
      `SELECT k.id AS id, c.distance AS distance${exact}
       FROM (SELECT rowid, distance FROM ${vec} WHERE embedding MATCH ${query} AND k = @k${filter}) AS c
       CROSS JOIN ${keys} AS k ON k.key = c.rowid
       ORDER BY c.distance`;
    this.statements = {
      keyOf: db.prepare(`SELECT key FROM ${keys} WHERE id = ?`).pluck(),
      insertKey: db.prepare(`INSERT INTO ${keys} (id, exact) VALUES (?, ?) RETURNING key`).pluck(),
      updateExact: db.prepare(`UPDATE ${keys} SET exact = ? WHERE key = ?`),
      deleteKey: db.prepare(`DELETE FROM ${keys} WHERE key = ?`),
      insertVector: db.prepare(`INSERT INTO ${vec} (rowid, embedding) VALUES (?, ${this.spec.wrap('?')})`),
      deleteVector: db.prepare(`DELETE FROM ${vec} WHERE rowid = ?`),
      count: db.prepare(`SELECT count(*) FROM ${keys}`).pluck(),
      indexedAmong: db.prepare(`SELECT id FROM ${keys} WHERE id IN (${amongIds})`).pluck(),
      scan: db.prepare(scan('')),
      scanAmong: db.prepare(scan(` AND rowid IN (SELECT key FROM ${keys} WHERE id IN (${amongIds}))`)),
      scoreAmong: this.spec.keepsExact
        ? db.prepare(`SELECT id, exact FROM ${keys} WHERE id IN (${amongIds})`)
        : db.prepare(
            `SELECT k.id AS id, ${this.spec.distanceFunction}(v.embedding, ${query}) AS distance
             FROM ${keys} AS k CROSS JOIN ${vec} AS v ON v.rowid = k.key
             WHERE k.id IN (${amongIds})
             ORDER BY distance LIMIT @k`,
          ),
    };
  }

  get dimension(): number {
    return this.record.dimension;
  }

  /**
   * Adds or replaces the vector of story `id`. An all-zeros vector (a text with nothing to embed)
   * is not stored, and takes the story's old vector out: false then, true when stored.
   */
  upsert(id: string, vector: Float32Array | readonly number[]): boolean {
    return this.upsertMany([{ id, vector }]) === 1;
  }

  /**
   * upsert for many, in one transaction; every vector is checked before any is written.
   * Returns how many were stored (all-zeros vectors are not).
   */
  upsertMany(entries: Iterable<VectorEntry>): number {
    this.assertLive();
    const checked: { id: string; unit: Float32Array | null }[] = [];
    for (const entry of entries) {
      const id = checkId(entry.id);
      checked.push({ id, unit: toUnitVector(entry.vector, this.dimension, `The vector for story ${id}`) });
    }
    let stored = 0;
    this.db.transaction(() => {
      for (const { id, unit } of checked) {
        if (unit === null) {
          this.delete(id);
        } else {
          this.write(id, unit);
          stored += 1;
        }
      }
    })();
    return stored;
  }

  /** Removes story `id`; false when it was not indexed. */
  remove(id: string): boolean {
    this.assertLive();
    checkId(id);
    return this.db.transaction(() => this.delete(id))();
  }

  has(id: string): boolean {
    this.assertLive();
    return this.statements.keyOf.get(checkId(id)) !== undefined;
  }

  /** Which of `ids` are already indexed (one query, for batch jobs). */
  indexedAmong(ids: readonly string[]): Set<string> {
    this.assertLive();
    if (ids.length === 0) return new Set();
    return new Set(this.statements.indexedAmong.all({ ids: JSON.stringify(ids) }) as string[]);
  }

  count(): number {
    this.assertLive();
    return this.statements.count.get() as number;
  }

  /**
   * The `k` stored vectors most similar to `query` (cosine), best first. An all-zeros query (a
   * query text with nothing to embed) is like nothing and matches nothing: [].
   */
  knn(query: Float32Array | readonly number[], k: number, options: KnnOptions = {}): KnnMatch[] {
    this.assertLive();
    const unit = toUnitVector(query, this.dimension, 'The query vector');
    checkK(k);
    if (unit === null) return [];
    // float32 and bit tables take the float bytes (bit quantises in SQL); int8 takes int8 bytes.
    const q = this.spec.encode(unit);
    if (options.candidates === undefined) return this.fromScan(this.statements.scan, { q }, unit, k);

    if (!Array.isArray(options.candidates)) {
      throw new VectorError('invalid-argument', 'candidates must be an array of story ids.');
    }
    const candidates = [...new Set(options.candidates.map((id) => checkId(id, 'A candidate id')))];
    if (candidates.length === 0) return [];
    const ids = JSON.stringify(candidates);
    const direct = candidates.length * DIRECT_SCORING_RATIO <= this.count();
    if (!direct) return this.fromScan(this.statements.scanAmong, { q, ids }, unit, k);
    if (this.spec.keepsExact) {
      return rescore(this.statements.scoreAmong.all({ ids }) as ExactRow[], unit, k);
    }
    return (this.statements.scoreAmong.all({ q, ids, k }) as DistanceRow[]).map((row) =>
      this.toMatch(row.id, row.distance),
    );
  }

  /** Called by the store when it drops this index's tables: later use fails clearly. */
  markDropped(): void {
    this.dropped = true;
  }

  private fromScan(
    statement: Database.Statement,
    parameters: Record<string, unknown>,
    unit: Float32Array,
    k: number,
  ): KnnMatch[] {
    if (this.spec.keepsExact) {
      // Hamming distance only shortlists; the exact vectors decide the order and the scores.
      const shortlist = Math.min(MAX_K, k * BIT_OVERSAMPLING);
      return rescore(statement.all({ ...parameters, k: shortlist }) as ExactRow[], unit, k);
    }
    return (statement.all({ ...parameters, k }) as DistanceRow[]).map((row) =>
      this.toMatch(row.id, row.distance),
    );
  }

  private toMatch(id: string, distance: number): KnnMatch {
    const score = this.spec.similarity(distance);
    return { id, distance: 1 - score, score };
  }

  private delete(id: string): boolean {
    const key = this.statements.keyOf.get(id) as number | undefined;
    if (key === undefined) return false;
    this.statements.deleteVector.run(BigInt(key));
    this.statements.deleteKey.run(key);
    return true;
  }

  private write(id: string, unit: Float32Array): void {
    const encoded = this.spec.encode(unit);
    const exact = this.spec.keepsExact ? floatBytes(unit) : null;
    const key = this.statements.keyOf.get(id) as number | undefined;
    if (key === undefined) {
      const newKey = this.statements.insertKey.get(id, exact) as number;
      // vec0 wants an INTEGER rowid; a JS number would be bound as REAL and refused.
      this.statements.insertVector.run(BigInt(newKey), encoded);
      return;
    }
    // Delete and insert rather than UPDATE: vec0 0.1.9 loses the int8/bit type of vec_int8() and
    // vec_quantize_binary() values in an UPDATE and refuses them.
    this.statements.deleteVector.run(BigInt(key));
    this.statements.insertVector.run(BigInt(key), encoded);
    if (exact !== null) this.statements.updateExact.run(exact, key);
  }

  private assertLive(): void {
    if (this.dropped) {
      throw new VectorError(
        'dropped-index',
        `The vector index for embedder "${this.record.embedderId}" (${this.record.embedderVersion}) was dropped.`,
      );
    }
  }
}

interface DistanceRow {
  id: string;
  distance: number;
}

interface ExactRow {
  id: string;
  exact: Buffer;
}

/** Exact cosine of each row's stored unit vector with the unit query, best `k` first. */
function rescore(rows: readonly ExactRow[], unit: Float32Array, k: number): KnnMatch[] {
  const scored = rows.map(({ id, exact }) => {
    // A Float32Array view needs 4-byte alignment; copy in the rare case the blob lacks it.
    const stored =
      exact.byteOffset % 4 === 0
        ? new Float32Array(exact.buffer, exact.byteOffset, exact.byteLength / 4)
        : new Float32Array(new Uint8Array(exact).buffer);
    let dot = 0;
    for (let i = 0; i < unit.length; i += 1) dot += (unit[i] as number) * (stored[i] as number);
    const score = Math.min(1, Math.max(-1, dot));
    return { id, distance: 1 - score, score };
  });
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, k);
}
