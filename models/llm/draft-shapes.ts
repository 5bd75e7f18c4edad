/**
 * What the drafting model writes: small JSON shapes, each constrained by a JSON-schema
 * grammar while it is generated (`draft-schemas.ts`) and checked again here with zod, then
 * turned into the story graph (`draft-to-graph.ts`). A story is pages, and at a choice point
 * a question with two or three options, each with its own pages (and, two levels deep, its
 * own choice). Every field falls back to empty: a draft cut at the token limit keeps the
 * parts that were written.
 */
import { z } from 'zod';

const text = z.string().catch('');
const texts = z.array(z.string()).catch([]);

export const optionDraftSchema: z.ZodType<OptionDraft> = z.lazy(() =>
  z.object({ label: text, pages: texts, choice: choiceDraftSchema.optional().catch(undefined) }),
);

export const choiceDraftSchema: z.ZodType<ChoiceDraft> = z.lazy(() =>
  z.object({ question: text, options: z.array(optionDraftSchema).catch([]) }),
);

export const storyDraftSchema = z.object({
  title: text,
  summary: text,
  pages: texts,
  choice: choiceDraftSchema.optional().catch(undefined),
});

export const chaptersDraftSchema = z.object({
  title: text,
  summary: text,
  chapters: z.array(z.object({ title: text, text })).catch([]),
});

export const pageDraftSchema = z.object({ text });

export interface OptionDraft {
  label: string;
  pages: string[];
  choice?: ChoiceDraft | undefined;
}

export interface ChoiceDraft {
  question: string;
  options: OptionDraft[];
}

export type StoryDraft = z.infer<typeof storyDraftSchema>;
export type ChaptersDraft = z.infer<typeof chaptersDraftSchema>;
export type PageDraft = z.infer<typeof pageDraftSchema>;
