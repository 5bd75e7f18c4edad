/**
 * Checks at the edge of the index, once: vectors (length, finite numbers), story ids, k, and
 * embedder identities. Every message names what was wrong, so a bug in an embedder shows up as
 * "position 17 is NaN" instead of as a silently wrong search.
 *
 * The all-zeros vector is not an error: it is what an embedder returns for a text with nothing
 * to embed (models/embed's contract). It has no direction, so it is never stored or matched.
 *
 * Vectors are stored unit length: the index answers cosine similarity, and with unit vectors
 * the fast L2 scan ranks exactly as cosine does (|a − b|² = 2 − 2·cos).
 */
import { VectorError } from './vector-error';

/** The most ids or characters we accept; story ids are UUIDs, so this is only a sanity bound. */
const MAX_ID_LENGTH = 256;
/** sqlite-vec refuses larger vectors. */
export const MAX_DIMENSION = 8192;
/** sqlite-vec's KNN limit (`k value in knn query too large`). */
export const MAX_K = 4096;

export interface EmbedderIdentity {
  readonly id: string;
  readonly dimension: number;
  readonly version: string;
}

/** A unit-length copy of `vector`; null for the all-zeros vector; a VectorError if it is malformed. */
export function toUnitVector(vector: unknown, dimension: number, what: string): Float32Array | null {
  if (!(vector instanceof Float32Array) && !(vector instanceof Float64Array) && !Array.isArray(vector)) {
    throw new VectorError('invalid-vector', `${what} must be a Float32Array (or an array of numbers).`);
  }
  const values = vector as ArrayLike<unknown>;
  if (values.length !== dimension) {
    throw new VectorError(
      'invalid-vector',
      `${what} has ${values.length} numbers, but this index holds ${dimension}-dimensional vectors.`,
    );
  }
  let sumOfSquares = 0;
  for (let i = 0; i < dimension; i += 1) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new VectorError(
        'invalid-vector',
        `${what} has ${describe(value)} at position ${i}; every component must be a finite number.`,
      );
    }
    sumOfSquares += value * value;
  }
  const norm = Math.sqrt(sumOfSquares);
  if (norm === 0) return null;
  if (!Number.isFinite(norm)) {
    throw new VectorError('invalid-vector', `${what} is too large to normalise (its length overflows).`);
  }
  const unit = new Float32Array(dimension);
  for (let i = 0; i < dimension; i += 1) unit[i] = (values[i] as number) / norm;
  return unit;
}

export function checkId(id: unknown, what = 'A story id'): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw new VectorError(
      'invalid-argument',
      `${what} must be a non-empty string of at most ${MAX_ID_LENGTH} characters (got ${describe(id)}).`,
    );
  }
  return id;
}

export function checkK(k: unknown): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_K) {
    throw new VectorError(
      'invalid-argument',
      `k must be a whole number from 1 to ${MAX_K} (got ${describe(k)}).`,
    );
  }
  return k;
}

export function checkEmbedder(embedder: EmbedderIdentity): EmbedderIdentity {
  const { id, dimension, version } = embedder;
  if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_ID_LENGTH) {
    throw new VectorError(
      'invalid-argument',
      `An embedder id must be a non-empty string (got ${describe(id)}).`,
    );
  }
  if (typeof version !== 'string' || version.trim() === '' || version.length > MAX_ID_LENGTH) {
    throw new VectorError(
      'invalid-argument',
      `Embedder "${id}" needs a non-empty version string (got ${describe(version)}).`,
    );
  }
  if (
    typeof dimension !== 'number' ||
    !Number.isInteger(dimension) ||
    dimension < 1 ||
    dimension > MAX_DIMENSION
  ) {
    throw new VectorError(
      'invalid-argument',
      `Embedder "${id}" has dimension ${describe(dimension)}; it must be a whole number from 1 to ${MAX_DIMENSION}.`,
    );
  }
  return { id, dimension, version };
}

function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return 'null';
  return typeof value;
}
