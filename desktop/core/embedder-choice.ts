/**
 * Which embedder a library runs with: the built-in hashed one (no download, the default), or
 * a neural sentence model from a local folder. The folder comes from the model catalogue once
 * it exists; until then from `--embed-model <dir>` or TALEMO_EMBED_MODEL.
 */
import type { Embedder } from '../../models/embed/embedder';
import { HashedEmbedder } from '../../models/embed/hashed-embedder';
import { NeuralEmbedder, NeuralModelError } from '../../models/embed/neural-embedder';
import { TalemoError } from './errors';

export interface EmbedderChoice {
  /** A transformers.js sentence model folder; absent: the built-in hashed embedder. */
  modelFolder?: string | undefined;
  /** Where the bundled app emitted the embedding worker (the source one otherwise). */
  workerUrl?: URL | undefined;
}

export interface ChosenEmbedder {
  embedder: Embedder;
  /** Frees what the embedder holds (the neural one's worker thread). */
  close(): Promise<void>;
}

export function embedModelFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TALEMO_EMBED_MODEL?.trim() || undefined;
}

export async function chooseEmbedder(choice: EmbedderChoice): Promise<ChosenEmbedder> {
  if (!choice.modelFolder) return { embedder: new HashedEmbedder(), close: async () => {} };
  try {
    const neural = await NeuralEmbedder.load(
      choice.modelFolder,
      choice.workerUrl ? { workerUrl: choice.workerUrl } : {},
    );
    return { embedder: neural, close: () => neural.close() };
  } catch (error) {
    if (error instanceof NeuralModelError) throw new TalemoError('invalid-input', `${error.message}.`);
    throw error;
  }
}
