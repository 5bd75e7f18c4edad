/** What one `embed` call may be given besides its texts. */
export interface EmbedOptions {
  /** Aborting rejects the call with the signal's reason; vectors already computed are dropped. */
  signal?: AbortSignal;
  /** Called as texts are done (not necessarily after each one), and always once with (total, total). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Turns texts into vectors of one fixed size, one vector per text, in order. Every embedder
 * (the built-in hashed one, the neural one) implements this, so the vector index and the
 * duplicate guard never know which one they use. Vectors are L2-normalised, so cosine
 * similarity is their dot product; a text with nothing to embed gives the zero vector.
 */
export interface Embedder {
  /** Stable name of the model and its settings, e.g. `talemo-hashed-v1`: vectors from different ids never mix. */
  readonly id: string;
  /** Length of every vector this embedder returns. */
  readonly dimension: number;
  /** Bumped whenever the same text would embed differently, so stored vectors are rebuilt. */
  readonly version: string;
  /**
   * The cosine at which this embedder's copies part from different stories: its threshold of
   * best F1 on `models/dedupe-dev-set`. The duplicate guard maps it to its common scale
   * (`models/dedupe/duplicate-score.ts`), so one library threshold fits every embedder.
   */
  readonly duplicateCosine: number;
  embed(texts: string[], options?: EmbedOptions): Promise<Float32Array[]>;
}
