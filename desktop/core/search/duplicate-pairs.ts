/**
 * The library's flagged duplicate pairs, read from the vectors already stored for the active
 * embedder: no story is embedded again, so the Library page can ask on every visit. Each
 * stored vector is compared with every other (exact cosine), which for a family or classroom
 * library (hundreds to a few thousand stories) costs milliseconds to a fraction of a second and
 * needs no KNN per story.
 */
import type Database from 'better-sqlite3';

import { cosineAtScore, duplicateScore } from '../../../models/dedupe/duplicate-score';
import { round } from '../../../models/dedupe/matching-passages';
import type { VectorIndex } from '../../../models/vectors/vector-index';

export interface DuplicatePair {
  /** The two stories, in id order (the order the overrides table keeps). */
  storyA: string;
  storyB: string;
  /** On the guard's common scale (models/dedupe/duplicate-score.ts): 1 is the same text. */
  score: number;
}

export interface PairSearch {
  db: Database.Database;
  index: VectorIndex;
  /** The cosine where this embedder's copies part from different stories (its `duplicateCosine`). */
  boundary: number;
  threshold: number;
  isOverridden(storyA: string, storyB: string): boolean;
}

/** Every pair at or above the threshold, best first, leaving out pairs a parent overrode. */
export function findDuplicatePairs(search: PairSearch): DuplicatePair[] {
  const minCosine = cosineAtScore(search.threshold, search.boundary);
  const stored = storedVectors(search.db, search.index);
  const pairs: DuplicatePair[] = [];
  for (let i = 0; i < stored.length; i += 1) {
    const one = stored[i]!;
    for (let j = i + 1; j < stored.length; j += 1) {
      const other = stored[j]!;
      const cosine = dot(one.vector, other.vector);
      if (cosine < minCosine || search.isOverridden(one.id, other.id)) continue;
      const [storyA, storyB] = one.id < other.id ? [one.id, other.id] : [other.id, one.id];
      pairs.push({ storyA, storyB, score: round(duplicateScore(cosine, search.boundary)) });
    }
  }
  return pairs.sort((a, b) => b.score - a.score || a.storyA.localeCompare(b.storyA));
}

interface StoredVector {
  id: string;
  vector: Float32Array;
}

/**
 * The unit vectors the index holds, by story id. Why read the tables here rather than through
 * VectorIndex: it only answers KNN queries, and a query per story would re-scan the table n
 * times. The stored bytes are what the index wrote: float32 (float32 and, in `exact`, bit) or
 * int8 scaled per vector, whose direction is all a cosine needs.
 */
function storedVectors(db: Database.Database, index: VectorIndex): StoredVector[] {
  const { vecTable, keysTable, representation } = index.record;
  const rows = (
    representation === 'bit'
      ? db.prepare(`SELECT id, exact AS bytes FROM "${keysTable}" ORDER BY id`).all()
      : db
          .prepare(
            `SELECT k.id AS id, v.embedding AS bytes FROM "${keysTable}" AS k
             CROSS JOIN "${vecTable}" AS v ON v.rowid = k.key ORDER BY k.id`,
          )
          .all()
  ) as { id: string; bytes: Buffer }[];
  return rows.map(({ id, bytes }) => ({
    id,
    vector: unit(representation === 'int8' ? Float32Array.from(new Int8Array(copy(bytes))) : floats(bytes)),
  }));
}

function copy(bytes: Buffer): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

function floats(bytes: Buffer): Float32Array {
  // A Float32Array view needs 4-byte alignment; a copy always has it.
  return new Float32Array(copy(bytes));
}

function unit(vector: Float32Array): Float32Array {
  const length = Math.sqrt(dot(vector, vector));
  if (length > 0) for (let i = 0; i < vector.length; i += 1) vector[i] = vector[i]! / length;
  return vector;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}
