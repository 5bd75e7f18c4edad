/**
 * The drafting model the app runs: at most one loaded at a time (they take gigabytes), kept
 * loaded between drafts so the next one starts at once, swapped when another is asked for.
 * Which model: the one named, else TALEMO_LLM_MODEL, else the best installed catalogue model.
 */
import { resolve } from 'node:path';

import {
  companionForm,
  companionReply,
  type ChatInput,
  type StoryForm,
} from '../../../models/llm/companion-chat';
import type { DraftRequest } from '../../../models/llm/draft-request';
import { EmptyDraftError } from '../../../models/llm/draft-to-graph';
import { LlmModelError } from '../../../models/llm/llm-model-error';
import { LlmModerationClassifier } from '../../../models/llm/llm-moderation-classifier';
import { LocalLlm } from '../../../models/llm/local-llm';
import {
  checkDraftRequest,
  DraftRequestError,
  draftWithModel,
  type DraftControl,
  type DraftResult,
} from '../../../models/llm/story-drafting';
import { TalemoError } from '../errors';
import type { ModelShelf } from './model-shelf';

export interface DraftingOptions {
  /** Where the bundled app emitted the drafting worker (the source one otherwise). */
  workerUrl?: URL | undefined;
  env?: NodeJS.ProcessEnv;
}

export class DraftingService {
  readonly #shelf: ModelShelf;
  readonly #options: DraftingOptions;
  #loaded: { path: string; llm: Promise<LocalLlm> } | null = null;

  constructor(shelf: ModelShelf, options: DraftingOptions = {}) {
    this.#shelf = shelf;
    this.#options = options;
  }

  async draft(
    request: DraftRequest,
    control: DraftControl & { modelPath?: string | undefined } = {},
  ): Promise<DraftResult> {
    try {
      // A bad request is told at once, before a model is loaded for it.
      checkDraftRequest(request);
    } catch (error) {
      throw asTalemoError(error);
    }
    const llm = await this.#model(control.modelPath);
    try {
      return await draftWithModel(llm, request, control);
    } catch (error) {
      throw asTalemoError(error, control.signal);
    }
  }

  async chatReply(
    input: ChatInput & { message: string },
    control: DraftControl & { modelPath?: string } = {},
  ): Promise<string> {
    const llm = await this.#model(control.modelPath);
    let text = '';
    try {
      return await companionReply(llm, input, {
        signal: control.signal,
        onText: (piece) => {
          text += piece;
          control.onPreview?.({ title: '', summary: '', paragraphs: [text] });
        },
      });
    } catch (error) {
      throw asTalemoError(error, control.signal);
    }
  }

  async chatForm(input: ChatInput, control: DraftControl & { modelPath?: string } = {}): Promise<StoryForm> {
    const llm = await this.#model(control.modelPath);
    try {
      return await companionForm(llm, input, { signal: control.signal });
    } catch (error) {
      throw asTalemoError(error, control.signal);
    }
  }

  /** The loaded model's file, if any. */
  loadedModel(): string | null {
    return this.#loaded?.path ?? null;
  }

  /** Moderation's second pass with the loaded model; null when none is loaded (lists only, then). */
  async moderationClassifier(): Promise<LlmModerationClassifier | null> {
    const llm = await this.#loaded?.llm.catch(() => null);
    return llm ? new LlmModerationClassifier(llm) : null;
  }

  async close(): Promise<void> {
    const loaded = this.#loaded;
    this.#loaded = null;
    if (loaded) await (await loaded.llm.catch(() => null))?.close();
  }

  /** The model file a draft would use now, and where that choice comes from. */
  async modelInUse(): Promise<{ path: string; source: 'environment' | 'installed' } | null> {
    const fromEnv = (this.#options.env ?? process.env).TALEMO_LLM_MODEL;
    if (fromEnv) return { path: resolve(fromEnv), source: 'environment' };
    const installed = await this.#shelf.draftingModelPath();
    return installed ? { path: installed, source: 'installed' } : null;
  }

  async #model(requested?: string): Promise<LocalLlm> {
    const path = requested ?? (await this.modelInUse())?.path;
    if (!path) {
      throw new TalemoError(
        'no-model',
        'No story-writing model is installed. Install one from the model list (talemo models pull <id>), or give a .gguf file with --model.',
      );
    }
    const absolute = resolve(path);
    if (this.#loaded?.path !== absolute) {
      await this.close();
      const llm = LocalLlm.load(absolute, { workerUrl: this.#options.workerUrl });
      this.#loaded = { path: absolute, llm };
      // A failed load is not kept: the next draft tries again (the file may have been fixed).
      llm.catch(() => {
        if (this.#loaded?.llm === llm) this.#loaded = null;
      });
    }
    try {
      return await this.#loaded!.llm;
    } catch (error) {
      throw asTalemoError(error);
    }
  }
}

function asTalemoError(error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return new TalemoError('cancelled', 'Drafting stopped: nothing was saved.');
  if (error instanceof LlmModelError) return new TalemoError('model-unusable', error.message);
  if (error instanceof DraftRequestError || error instanceof RangeError)
    return new TalemoError('invalid-input', error.message);
  if (error instanceof EmptyDraftError) {
    return new TalemoError(
      'invalid-input',
      'The model wrote no page of story this time. Try again, or change the request.',
    );
  }
  return error;
}
