/**
 * The JSON schemas the drafting grammar enforces token by token. Every string and list is
 * bounded (maxLength, maxItems): a small or confused model otherwise runs a single string to
 * the token limit, and a bounded shape always closes. Branching depth is written out level by
 * level rather than with $ref, so the grammar stays simple and the depth is what was asked.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

export type DraftLength = 'short' | 'medium' | 'long';

/** Pages of one stretch of story (the whole of a linear one, or one branch). */
export const PAGES_BY_LENGTH: Record<DraftLength, { min: number; max: number }> = {
  short: { min: 2, max: 4 },
  medium: { min: 4, max: 6 },
  long: { min: 6, max: 10 },
};

/** Characters a page may hold: about a minute read aloud, one audio file on the box. */
export const PAGE_MAX_CHARS = 700;
const TITLE_MAX_CHARS = 80;
const SUMMARY_MAX_CHARS = 300;
const LABEL_MAX_CHARS = 60;

function text(maxLength: number): JsonSchema {
  return { type: 'string', maxLength };
}

function pages(min: number, max: number): JsonSchema {
  return { type: 'array', items: text(PAGE_MAX_CHARS), minItems: min, maxItems: max };
}

/** A choice with 2–3 options; `depth` more choices below each option. */
function choice(depth: number, branchPages: { min: number; max: number }): JsonSchema {
  const option: Record<string, unknown> = {
    label: text(LABEL_MAX_CHARS),
    pages: pages(branchPages.min, branchPages.max),
  };
  if (depth > 1) option.choice = choice(depth - 1, branchPages);
  return {
    type: 'object',
    properties: {
      question: text(SUMMARY_MAX_CHARS),
      options: {
        type: 'array',
        minItems: 2,
        maxItems: 3,
        items: { type: 'object', properties: option, required: Object.keys(option) },
      },
    },
    required: ['question', 'options'],
  };
}

/** A story: linear (choicePoints 0) or branching at 1 or 2 levels. */
export function storySchema(length: DraftLength, choicePoints: 0 | 1 | 2): JsonSchema {
  const whole = PAGES_BY_LENGTH[length];
  const properties: Record<string, unknown> = {
    title: text(TITLE_MAX_CHARS),
    summary: text(SUMMARY_MAX_CHARS),
  };
  if (choicePoints === 0) {
    properties.pages = pages(whole.min, whole.max);
  } else {
    // Why fewer pages per stretch: every branch is read on its own path, and a child hears one.
    const stretch = { min: 1, max: Math.max(2, Math.ceil(whole.max / (choicePoints + 1))) };
    properties.pages = pages(stretch.min, stretch.max);
    properties.choice = choice(choicePoints, stretch);
  }
  return { type: 'object', properties, required: Object.keys(properties) };
}

/** Notes in, ordered chapters out. */
export function chaptersSchema(maxChapters: number): JsonSchema {
  return {
    type: 'object',
    properties: {
      title: text(TITLE_MAX_CHARS),
      summary: text(SUMMARY_MAX_CHARS),
      chapters: {
        type: 'array',
        minItems: 1,
        maxItems: maxChapters,
        items: {
          type: 'object',
          properties: { title: text(TITLE_MAX_CHARS), text: text(PAGE_MAX_CHARS * 2) },
          required: ['title', 'text'],
        },
      },
    },
    required: ['title', 'summary', 'chapters'],
  };
}

/** One page: a continuation or a rewrite of a node. */
export function pageSchema(): JsonSchema {
  return { type: 'object', properties: { text: text(PAGE_MAX_CHARS * 2) }, required: ['text'] };
}
