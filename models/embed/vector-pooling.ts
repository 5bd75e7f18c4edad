/**
 * The mean of unit vectors, scaled back to unit length: one vector for a story from the
 * vectors of its chunks. An empty list, or vectors that cancel out (or are not finite),
 * give the zero vector, which the `Embedder` contract uses for "nothing to embed".
 */
export function meanPoolNormalised(vectors: readonly Float32Array[], dimension: number): Float32Array {
  const sum = new Float64Array(dimension);
  for (const vector of vectors) {
    if (vector.length !== dimension) {
      throw new RangeError(`cannot pool a vector of length ${vector.length} with dimension ${dimension}`);
    }
    for (let i = 0; i < dimension; i += 1) sum[i] = sum[i]! + vector[i]!;
  }
  let squares = 0;
  for (let i = 0; i < dimension; i += 1) squares += sum[i]! * sum[i]!;
  const pooled = new Float32Array(dimension);
  if (!(squares > 0) || !Number.isFinite(squares)) return pooled;
  const scale = 1 / Math.sqrt(squares);
  for (let i = 0; i < dimension; i += 1) pooled[i] = sum[i]! * scale;
  return pooled;
}
