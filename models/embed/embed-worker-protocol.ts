/** The messages between `NeuralEmbedder` (caller's thread) and `embed-worker.ts` (its worker). */

/** Given to the worker at start (as `workerData`). */
export interface EmbedWorkerSettings {
  /** Folder that holds the model folder (transformers.js `env.localModelPath`), ending in a separator. */
  localModelPath: string;
  /** The model folder's name inside it. */
  modelName: string;
  /** Weights file variant: `fp32` reads `onnx/model.onnx`, `q8` reads `onnx/model_quantized.onnx`. */
  dtype: 'fp32' | 'q8';
  /** Largest chunk in tokens, special tokens included; the model's own limit when smaller wins. */
  maxTokensPerChunk: number;
}

export type ToWorker =
  | { type: 'embed'; job: number; texts: string[]; batchSize: number }
  | { type: 'chunk'; job: number; texts: string[] }
  | { type: 'cancel'; job: number };

export type FromWorker =
  | { type: 'ready'; dimension: number; tokenBudget: number }
  | { type: 'load-failed'; message: string }
  | { type: 'progress'; job: number; done: number; total: number }
  | { type: 'vectors'; job: number; vectors: Float32Array[] }
  | { type: 'chunks'; job: number; chunks: string[][] }
  | { type: 'cancelled'; job: number }
  | { type: 'failed'; job: number; message: string };
