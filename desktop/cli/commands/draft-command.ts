/**
 * `talemo draft`: a story drafted by the local model from a prompt or Fabrique picks, watched
 * as it forms (on stderr, when it is a terminal), moderated, checked for duplicates, and saved
 * into the library. Ctrl+C stops it and saves nothing.
 */
import { resolve } from 'node:path';

import type { DraftRequest } from '../../../models/llm/draft-request';
import { AGE_RANGES } from '../../core/story/story';
import { UsageError, type CliCommand } from '../cli-command';

const LENGTHS = ['short', 'medium', 'long'] as const;

export const draftCommand: CliCommand = {
  name: 'draft',
  usage:
    'talemo draft (--prompt "…" | --hero … --place … --object … --theme …) --lang fr --age 4-6 [--branching | --choices 1|2] [--length short|medium|long] [--tone …] [--model file.gguf] [--seed N] [--json]',
  summary: 'draft a story with the local model and save it',
  options: {
    prompt: { type: 'string' },
    hero: { type: 'string' },
    place: { type: 'string' },
    object: { type: 'string' },
    theme: { type: 'string' },
    lang: { type: 'string' },
    age: { type: 'string' },
    branching: { type: 'boolean' },
    choices: { type: 'string' },
    length: { type: 'string' },
    tone: { type: 'string' },
    model: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(context) {
    const request = readRequest(context.values);
    const seed = readSeed(context.values.seed);
    const modelPath = typeof context.values.model === 'string' ? resolve(context.values.model) : undefined;
    const core = await context.core();
    let shown = 0;
    const outcome = await core.draftStory(request, {
      signal: context.signal,
      modelPath,
      seed,
      // Watching it form: each paragraph once, as soon as the next one starts.
      onPreview: (preview) => {
        for (; shown < preview.paragraphs.length - 1; shown += 1)
          context.note(`${preview.paragraphs[shown]}\n`);
      },
    });
    const { draft, moderation } = outcome;
    if (draft.kind !== 'story') throw new Error('a story draft was expected');
    const saved = await core.saveDraft({
      title: draft.title,
      summary: draft.summary,
      graph: draft.graph,
      language: request.language,
      ageRange: request.ageRange,
      provenance: draft.provenance,
    });
    const summary = core.library.stories.summary(saved.story.id);
    if (context.json) {
      return context.out(
        JSON.stringify(
          {
            story: summary,
            truncated: draft.truncated,
            moderation,
            duplicates: saved.duplicates,
            provenance: draft.provenance,
          },
          null,
          2,
        ),
      );
    }
    context.out(
      `Saved "${summary.title}" as ${summary.id} (${summary.nodeCount} nodes, ${summary.language}, ${summary.ageRange}).`,
    );
    if (draft.truncated) context.out('Note: the model reached its length limit; the end may be missing.');
    if (moderation?.status === 'flagged') {
      context.out(
        `Moderation flagged it (${moderation.findings.length}); a parent must approve it before it goes on a box:`,
      );
      for (const finding of moderation.findings.slice(0, 5))
        context.out(`  ${finding.category} (${finding.severity}): "${finding.passage}"`);
    } else {
      context.out('Moderation found nothing to flag.');
    }
    for (const match of saved.duplicates) {
      context.out(
        `Possible duplicate of "${match.title}" (${match.id}), similarity ${match.score.toFixed(2)}`,
      );
    }
  },
};

function text(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function readRequest(
  values: Record<string, unknown>,
): DraftRequest & { language: string; ageRange: (typeof AGE_RANGES)[number] } {
  const language = text(values, 'lang');
  const age = text(values, 'age');
  if (!language || !/^[a-z]{2,3}$/.test(language))
    throw new UsageError('--lang takes a language code such as fr or en');
  if (!age || !(AGE_RANGES as readonly string[]).includes(age))
    throw new UsageError(`--age takes one of ${AGE_RANGES.join(', ')}`);
  const ageRange = age as (typeof AGE_RANGES)[number];
  const length = text(values, 'length') ?? 'short';
  if (!(LENGTHS as readonly string[]).includes(length))
    throw new UsageError(`--length takes one of ${LENGTHS.join(', ')}`);
  const choices = text(values, 'choices') ?? (values.branching === true ? '1' : '0');
  if (!['0', '1', '2'].includes(choices)) throw new UsageError('--choices takes 0, 1 or 2');
  const common = {
    language,
    ageRange,
    length: length as (typeof LENGTHS)[number],
    choicePoints: Number(choices) as 0 | 1 | 2,
    ...(text(values, 'tone') ? { tone: text(values, 'tone') } : {}),
  };
  const prompt = text(values, 'prompt');
  const fabrique = ['hero', 'place', 'object', 'theme'].map((name) => text(values, name));
  if (prompt !== undefined) {
    if (fabrique.some((pick) => pick !== undefined))
      throw new UsageError('give either --prompt or the Fabrique picks, not both');
    return { mode: 'prompt', prompt, ...common };
  }
  const [hero, place, object, theme] = fabrique;
  if (!hero || !place || !object || !theme) {
    throw new UsageError(
      'say what the story is about: --prompt "…", or all of --hero, --place, --object and --theme',
    );
  }
  return { mode: 'fabrique', hero, place, object, theme, ...common };
}

function readSeed(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed takes a whole number');
  return seed;
}
