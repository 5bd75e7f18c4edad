/** The messages between `PiperVoice` (caller's thread) and `piper-worker.ts` (its worker). */

/** Given to the worker at start (as `workerData`). */
export interface PiperWorkerSettings {
  /** The voice's `.onnx` file. */
  modelPath: string;
}

export type ToPiperWorker = {
  type: 'run';
  job: number;
  /** Phoneme ids of one sentence. */
  ids: number[];
  /** noise_scale, length_scale, noise_w. */
  scales: [number, number, number];
  /** Speaker id, sent only to a model that has a `sid` input. */
  speakerId: number | null;
};

export type FromPiperWorker =
  | { type: 'ready'; inputNames: string[] }
  | { type: 'load-failed'; message: string }
  | { type: 'audio'; job: number; audio: Float32Array }
  | { type: 'failed'; job: number; message: string };
