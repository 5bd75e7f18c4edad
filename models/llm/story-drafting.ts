/**
 * Drafting with the local model: a checked request becomes a prompt and a JSON schema, the
 * model answers under that schema's grammar, the UI sees the draft form as text streams in,
 * and the answer becomes a story graph (or a page), with what made it recorded: model, prompt
 * version, seed, token counts. A draft cut at the token limit keeps what was written and says
 * so; a cancelled one rejects with the signal's reason.
 */
import { randomInt } from 'node:crypto';
import { basename } from 'node:path';

import type { StoryGraph } from '../../device-bridge/pack/story-graph';
import { draftPreview, type DraftPreview } from './draft-preview';
import { draftPrompt, PROMPT_VERSION } from './draft-prompts';
import { draftRequestSchema, type CheckedDraftRequest, type DraftRequest } from './draft-request';
import { chaptersDraftSchema, pageDraftSchema, storyDraftSchema } from './draft-shapes';
import { chaptersDraftGraph, storyDraftGraph } from './draft-to-graph';
import type { GenerateDone } from './llm-worker-protocol';
import type { LocalLlm } from './local-llm';
import { parsePartialJson } from './partial-json';

export const DEFAULT_TEMPERATURE = 0.8;
const PREVIEW_EVERY_MS = 100;

export interface DraftProvenance {
  /** The model file's name, and the name its header gives. */
  model: string;
  modelName: string;
  promptVersion: string;
  mode: CheckedDraftRequest['mode'];
  seed: number;
  temperature: number;
  inputTokens: number;
  outputTokens: number;
  stopReason: GenerateDone['stopReason'];
  firstTokenMs: number | null;
  totalMs: number;
}

export type DraftResult =
  | {
      kind: 'story';
      title: string;
      summary: string;
      graph: StoryGraph;
      truncated: boolean;
      provenance: DraftProvenance;
    }
  | { kind: 'page'; text: string; truncated: boolean; provenance: DraftProvenance };

export interface DraftControl {
  signal?: AbortSignal | undefined;
  /** Called as the draft forms (not after every token: when what is shown changes). */
  onPreview?: ((preview: DraftPreview) => void) | undefined;
  seed?: number | undefined;
  temperature?: number | undefined;
}

export class DraftRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DraftRequestError';
  }
}

const UNTITLED: Record<string, string> = { fr: 'Histoire sans titre', en: 'Untitled story' };

export function checkDraftRequest(request: DraftRequest): CheckedDraftRequest {
  const checked = draftRequestSchema.safeParse(request);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new DraftRequestError(`${where}${issue.message}`);
  }
  return checked.data;
}

export async function draftWithModel(
  llm: LocalLlm,
  request: DraftRequest,
  control: DraftControl = {},
): Promise<DraftResult> {
  const checked = checkDraftRequest(request);
  const prompt = draftPrompt(checked);
  const seed = control.seed ?? randomInt(2 ** 31);
  const temperature = control.temperature ?? DEFAULT_TEMPERATURE;
  let text = '';
  let shown = '';
  let lastPreview = 0;
  const done = await llm.generate(
    {
      system: prompt.system,
      history: [],
      prompt: prompt.user,
      schema: prompt.schema,
      maxTokens: prompt.maxTokens,
      seed,
      temperature,
    },
    {
      signal: control.signal,
      onText: (piece) => {
        text += piece;
        // Why throttled: reading the whole partial JSON on every piece grows with the draft.
        if (!control.onPreview || performance.now() - lastPreview < PREVIEW_EVERY_MS) return;
        lastPreview = performance.now();
        const preview = draftPreview(parsePartialJson(text));
        const key = JSON.stringify(preview);
        if (key !== shown) {
          shown = key;
          control.onPreview(preview);
        }
      },
    },
  );
  const provenance: DraftProvenance = {
    model: basename(llm.facts.path),
    modelName: llm.facts.name,
    promptVersion: PROMPT_VERSION,
    mode: checked.mode,
    seed,
    temperature,
    inputTokens: done.inputTokens,
    outputTokens: done.outputTokens,
    stopReason: done.stopReason,
    firstTokenMs: done.firstTokenMs,
    totalMs: done.totalMs,
  };
  const truncated = done.stopReason === 'maxTokens';
  const answer = readAnswer(done.text);
  const untitled = UNTITLED[checked.language] ?? UNTITLED.en!;
  if (checked.mode === 'page') {
    const page = pageDraftSchema.parse(answer);
    return { kind: 'page', text: page.text.trim(), truncated, provenance };
  }
  const { title, summary, graph } = storyOf(checked.mode, answer, untitled);
  return {
    kind: 'story',
    title: title.trim() || untitled,
    summary: summary.trim(),
    graph,
    truncated,
    provenance,
  };
}

/** The story in an answer: chapters (from notes) or pages and choices. */
function storyOf(mode: 'prompt' | 'fabrique' | 'chapters', answer: object, untitled: string) {
  if (mode === 'chapters') {
    const draft = chaptersDraftSchema.parse(answer);
    return { title: draft.title, summary: draft.summary, graph: chaptersDraftGraph(draft, untitled) };
  }
  const draft = storyDraftSchema.parse(answer);
  return { title: draft.title, summary: draft.summary, graph: storyDraftGraph(draft, untitled) };
}

/** The whole answer, or, when the model stopped mid-way, what it had written by then. */
function readAnswer(text: string): object {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = parsePartialJson(text);
  }
  return answer && typeof answer === 'object' && !Array.isArray(answer) ? answer : {};
}
