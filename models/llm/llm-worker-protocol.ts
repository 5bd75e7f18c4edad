/** The messages between `LocalLlm` (caller's thread) and `llm-worker.ts` (its worker). */
import type { JsonSchema } from './draft-schemas';

export interface LlmWorkerSettings {
  modelPath: string;
  threads: number;
  contextSize: number;
}

/** An earlier turn of a conversation (the companion chat); drafts send none. */
export interface ChatTurn {
  role: 'user' | 'model';
  text: string;
}

export interface GenerateRequest {
  system: string;
  history: ChatTurn[];
  prompt: string;
  /** The JSON schema the answer must follow, enforced by a grammar; null for free text. */
  schema: JsonSchema | null;
  maxTokens: number;
  seed: number;
  temperature: number;
}

export type ToLlmWorker =
  ({ type: 'generate'; job: number } & GenerateRequest) | { type: 'cancel'; job: number };

export type StopReason =
  'abort' | 'maxTokens' | 'eogToken' | 'stopGenerationTrigger' | 'customStopTrigger' | 'functionCalls';

export interface GenerateDone {
  text: string;
  stopReason: StopReason;
  inputTokens: number;
  outputTokens: number;
  /** From the request reaching the worker to its first generated text. */
  firstTokenMs: number | null;
  totalMs: number;
}

export type FromLlmWorker =
  | { type: 'ready'; contextSize: number; threads: number; trainContextSize: number }
  | { type: 'load-failed'; message: string }
  | { type: 'text'; job: number; text: string }
  | ({ type: 'done'; job: number } & GenerateDone)
  | { type: 'failed'; job: number; message: string };
