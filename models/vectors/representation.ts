/**
 * How a vector is stored in its vec0 table, and how a vec0 distance turns back into cosine
 * similarity. All three representations sqlite-vec offers are kept, so the bench can measure
 * them through this very code and an index records which one it uses; new indexes get
 * DEFAULT_REPRESENTATION.
 *
 * Why float32 is the default: measured by bench/knn.bench.ts (100k × 384 clustered unit
 * vectors, k = 10, median of 21 queries, 2-core EPYC, sqlite-vec 0.1.9; README.md has the table):
 *   float32   85 ms (56 ms with mmap), recall 1.000: exact, and the scan nearest its bandwidth bound;
 *   int8     104 ms, recall 0.967: no faster, because vec0's int8 distance is scalar code;
 *   bit    16–29 ms, recall 0.905 with 10× oversampling: fast only while few candidates are
 *             re-scored, as vec0's KNN cost grows linearly with k, and the oversampling that
 *             keeps recall ≥ 0.95 depends on the data, which we do not control.
 */
export type Representation = 'float32' | 'int8' | 'bit';

export const REPRESENTATIONS: readonly Representation[] = ['float32', 'int8', 'bit'];

export const DEFAULT_REPRESENTATION: Representation = 'float32';

/** bit: how many Hamming candidates are re-scored with the exact vectors, per result wanted. */
export const BIT_OVERSAMPLING = 10;

export interface RepresentationSpec {
  /** The vec0 column declaration. */
  column(dimension: number): string;
  /** SQL wrapping a bound parameter (a float32 or int8 blob) into this column's type. */
  wrap(parameter: string): string;
  /** The bytes to bind for a unit vector. */
  encode(unit: Float32Array): Buffer;
  /** Cosine similarity from vec0's `distance` (for bit this is replaced by exact re-scoring). */
  similarity(distance: number): number;
  /** The SQL distance function for direct (non-KNN) scoring of a few candidate rows. */
  distanceFunction: string;
  /** The table keeps the exact float32 vector beside the key, for re-scoring. */
  keepsExact: boolean;
  bytesPerVector(dimension: number): number;
}

export function floatBytes(unit: Float32Array): Buffer {
  return Buffer.from(unit.buffer, unit.byteOffset, unit.byteLength);
}

export const REPRESENTATION_SPECS: Readonly<Record<Representation, RepresentationSpec>> = {
  float32: {
    // L2, not distance_metric=cosine: the vectors are unit length, so the ranking is the same,
    // the cosine follows exactly from the distance, and the L2 scan measured 4–5% faster.
    column: (dimension) => `embedding float[${dimension}]`,
    wrap: (parameter) => parameter,
    encode: floatBytes,
    similarity: (distance) => clampCosine(1 - (distance * distance) / 2),
    distanceFunction: 'vec_distance_l2',
    keepsExact: false,
    bytesPerVector: (dimension) => dimension * 4,
  },
  int8: {
    // Cosine is scale-free, so each vector gets its own scale (max |x| → 127): nothing is
    // clipped, whatever the embedder's value range.
    column: (dimension) => `embedding int8[${dimension}] distance_metric=cosine`,
    wrap: (parameter) => `vec_int8(${parameter})`,
    encode: (unit) => {
      let max = 0;
      for (const value of unit) max = Math.max(max, Math.abs(value));
      const scale = 127 / max;
      const bytes = new Int8Array(unit.length);
      for (let i = 0; i < unit.length; i += 1) bytes[i] = Math.round((unit[i] as number) * scale);
      return Buffer.from(bytes.buffer);
    },
    similarity: (distance) => clampCosine(1 - distance),
    distanceFunction: 'vec_distance_cosine',
    keepsExact: false,
    bytesPerVector: (dimension) => dimension,
  },
  bit: {
    // One sign bit per dimension (Hamming distance), then exact cosine on the float vectors.
    column: (dimension) => `embedding bit[${dimension}]`,
    wrap: (parameter) => `vec_quantize_binary(${parameter})`,
    encode: floatBytes,
    similarity: (distance) => distance,
    distanceFunction: 'vec_distance_hamming',
    keepsExact: true,
    bytesPerVector: (dimension) => dimension / 8,
  },
};

export function isRepresentation(value: unknown): value is Representation {
  return typeof value === 'string' && (REPRESENTATIONS as readonly string[]).includes(value);
}

/** Float rounding can push 1 − d²/2 a hair outside [−1, 1]. */
function clampCosine(value: number): number {
  return Math.min(1, Math.max(-1, value));
}
