/** The messages between `WhisperTranscriber` (caller's thread) and `whisper-worker.ts` (its worker). */
import type { WhisperDtype } from './whisper-model-folder';

/** Given to the worker at start (as `workerData`). */
export interface WhisperWorkerSettings {
  /** Folder that holds the model folder (transformers.js `env.localModelPath`), ending in a separator. */
  localModelPath: string;
  /** The model folder's name inside it. */
  modelName: string;
  dtype: WhisperDtype;
}

export interface TranscriptChunk {
  text: string;
  startSeconds: number;
  endSeconds: number;
}

export type ToWhisperWorker =
  | {
      type: 'transcribe';
      job: number;
      /** 16 kHz mono samples. */
      audio: Float32Array;
      language: 'fr' | 'en' | null;
      chunkLengthSeconds: number;
      strideSeconds: number;
    }
  | { type: 'cancel'; job: number };

export type FromWhisperWorker =
  | { type: 'ready' }
  | { type: 'load-failed'; message: string }
  | { type: 'progress'; job: number; done: number; total: number }
  | { type: 'transcript'; job: number; text: string; chunks: TranscriptChunk[] }
  | { type: 'cancelled'; job: number }
  | { type: 'failed'; job: number; message: string };
