/**
 * What a parent asks the drafting model for, checked at the edge: a free prompt, or the
 * Fabrique's picks (hero, place, companion or object, theme), each with a language, an age
 * range, a length and a tone; branching at one or two points or not; or notes to turn into
 * chapters; or one node to continue or rewrite.
 */
import { z } from 'zod';

/** The longest prompt taken: a long paragraph of wishes, far below any model's context. */
export const MAX_PROMPT_CHARS = 4000;
/**
 * Every limit on what a parent types, in one place: the schemas below, the companion chat's and
 * the contract's use them, and the UI holds its fields to them.
 */
export const DRAFT_INPUT_LIMITS = {
  prompt: MAX_PROMPT_CHARS,
  pick: 200,
  tone: 100,
  problem: 300,
  chatMessage: 2000,
  chatTurns: 40,
} as const;
/** Notes → chapters: what fits in a small model's context with room for the answer. */
export const MAX_NOTES = 30;
export const MAX_NOTES_CHARS = 12_000;

const language = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as fr or en');
const ageRange = z.enum(['0-3', '4-6', '7-9', '10-12']);
const pick = z.string().trim().min(1).max(DRAFT_INPUT_LIMITS.pick);

const common = {
  language,
  ageRange,
  length: z.enum(['short', 'medium', 'long']).default('short'),
  tone: z.string().trim().max(DRAFT_INPUT_LIMITS.tone).optional(),
  /** 0: linear; 1 or 2: choices (a question with 2–3 options) at that many levels. */
  choicePoints: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
};

export const draftRequestSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('prompt'),
    prompt: z
      .string()
      .trim()
      .min(1, 'say what the story should be about')
      .max(MAX_PROMPT_CHARS, `a prompt is at most ${MAX_PROMPT_CHARS} characters`),
    ...common,
  }),
  z.object({
    mode: z.literal('fabrique'),
    hero: pick,
    place: pick,
    object: pick,
    theme: pick,
    /** From the companion chat: what goes wrong, and what the story teaches. */
    problem: z.string().trim().max(DRAFT_INPUT_LIMITS.problem).optional(),
    lesson: z.string().trim().max(DRAFT_INPUT_LIMITS.problem).optional(),
    ...common,
  }),
  z.object({
    mode: z.literal('chapters'),
    notes: z
      .array(z.string().trim().min(1).max(MAX_NOTES_CHARS))
      .min(1, 'give at least one note')
      .max(MAX_NOTES, `at most ${MAX_NOTES} notes`)
      .refine(
        (notes) => notes.join('\n').length <= MAX_NOTES_CHARS,
        `notes are at most ${MAX_NOTES_CHARS} characters in all`,
      ),
    language,
    ageRange,
  }),
  z.object({
    mode: z.literal('page'),
    /** Continue after this page, or rewrite it. */
    action: z.enum(['continue', 'rewrite']),
    storyTitle: z.string().max(500),
    /** The story so far (the text before the page), as context. */
    before: z.string().max(MAX_PROMPT_CHARS * 2),
    page: z.string().max(MAX_PROMPT_CHARS),
    instruction: z.string().trim().max(1000).optional(),
    language,
    ageRange,
  }),
]);

export type DraftRequest = z.input<typeof draftRequestSchema>;
export type CheckedDraftRequest = z.output<typeof draftRequestSchema>;
