/**
 * A draft the model wrote, as the story graph the app keeps: a cover with the title, the pages
 * in order, and at a choice a question stage whose options (one stage each, saying the
 * option's label) lead to their own pages. Empty pages are left out; a story with no page at
 * all is refused, because a box cannot play it.
 */
import { randomUUID } from 'node:crypto';

import type { StoryGraph } from '../../device-bridge/pack/story-graph';
import { graphFromOutline, type OutlineStage } from '../../device-bridge/pack/story-outline';
import type { ChaptersDraft, ChoiceDraft, StoryDraft } from './draft-shapes';

export class EmptyDraftError extends Error {
  constructor() {
    super('the model wrote no page of story');
    this.name = 'EmptyDraftError';
  }
}

export function storyDraftGraph(draft: StoryDraft, fallbackTitle: string): StoryGraph {
  const stages: OutlineStage[] = [];
  const title = draft.title.trim() || fallbackTitle;
  const cover: OutlineStage = { id: randomUUID(), name: title, kind: 'cover', text: title, next: [] };
  stages.push(cover);
  const counter = { pages: 0 };
  const first = stretch(stages, counter, draft.pages, draft.choice);
  if (counter.pages === 0) throw new EmptyDraftError();
  cover.next = first ? [first] : [];
  return graphFromOutline(stages, () => randomUUID());
}

export function chaptersDraftGraph(draft: ChaptersDraft, fallbackTitle: string): StoryGraph {
  const title = draft.title.trim() || fallbackTitle;
  const chapters = draft.chapters.filter((chapter) => chapter.text.trim().length > 0);
  if (chapters.length === 0) throw new EmptyDraftError();
  const ids = chapters.map(() => randomUUID());
  const stages: OutlineStage[] = [
    { id: randomUUID(), name: title, kind: 'cover', text: title, next: ids.slice(0, 1) },
    ...chapters.map((chapter, i) => ({
      id: ids[i]!,
      name: chapter.title.trim() || `Chapter ${i + 1}`,
      kind: 'story' as const,
      text: chapter.text.trim(),
      next: ids.slice(i + 1, i + 2),
    })),
  ];
  return graphFromOutline(stages, () => randomUUID());
}

/**
 * Adds the stages of pages then an optional choice; returns the id of the first stage (or
 * null when there is nothing). Each page leads to the next; the last to the choice's question.
 */
function stretch(
  stages: OutlineStage[],
  counter: { pages: number },
  pages: readonly string[],
  choice: ChoiceDraft | undefined,
): string | null {
  const written = pages.map((page) => page.trim()).filter((page) => page.length > 0);
  const pageStages: OutlineStage[] = written.map((text) => {
    counter.pages += 1;
    return { id: randomUUID(), name: `Page ${counter.pages}`, kind: 'story', text, next: [] };
  });
  stages.push(...pageStages);
  const question = choice ? choiceStages(stages, counter, choice) : null;
  pageStages.forEach((stage, i) => {
    const next = pageStages[i + 1]?.id ?? question;
    stage.next = next ? [next] : [];
  });
  return pageStages[0]?.id ?? question;
}

function choiceStages(
  stages: OutlineStage[],
  counter: { pages: number },
  choice: ChoiceDraft,
): string | null {
  const options = choice.options.filter(
    (option) => option.label.trim() || option.pages.some((p) => p.trim()),
  );
  if (options.length === 0) return null;
  const question: OutlineStage = {
    id: randomUUID(),
    name: 'Question',
    kind: 'menu.questionstage',
    text: choice.question.trim(),
    next: [],
  };
  stages.push(question);
  question.next = options.map((option, i) => {
    const label = option.label.trim() || `${i + 1}`;
    const stage: OutlineStage = {
      id: randomUUID(),
      name: label,
      kind: 'menu.optionstage',
      text: label,
      next: [],
    };
    stages.push(stage);
    const first = stretch(stages, counter, option.pages, option.choice);
    stage.next = first ? [first] : [];
    return stage.id;
  });
  return question.id;
}
