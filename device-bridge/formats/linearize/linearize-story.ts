/**
 * A choose-your-path story made playable on a box that can only skip chapters (Toniebox,
 * Yoto, TonUINO): every run of stages with no choice inside becomes one chapter, and a chapter
 * that ends at a choice ends with a spoken prompt naming the chapter of each option ("To
 * choose the forest, skip to chapter 4."). A path that goes on elsewhere than the next chapter
 * says where ("Now go back to chapter 2."), and the end of a path says so, because the box
 * would otherwise play straight on into another path.
 *
 * A run reached from several places (two paths that meet again) is one chapter, told once.
 * Chapters are numbered depth-first from the cover, the first option first, so the chapter
 * right after a choice is its first option: a child who does nothing hears a whole story.
 *
 * A story with no choice at all gets a chapter per page (the cover joins the first): no
 * prompt is needed, and the chapter is the only bookmark a child has on these boxes.
 *
 * Pure and deterministic: the same graph gives the same chapters, texts and numbers.
 */
import type { AudioRef, StageNode, StoryGraph } from '../../pack/story-graph';
import { LinearizeError } from './linearize-error';
import { optionLabel, promptPhrases, type PromptLanguage, type PromptPhrases } from './prompt-phrases';
import { indexGraph, stageStep, type GraphIndex, type StageStep } from './stage-step';

export interface LinearizeOptions {
  /** The language of the prompts: the story's. */
  language: PromptLanguage;
  /** The story's title: the first chapter's title. */
  title: string;
}

export type LinearPart =
  { kind: 'stage'; stageId: string; audio: AudioRef | null; text: string } | { kind: 'prompt'; text: string };

/** How a chapter ends, as data (the prompt says the same in words). */
export type ChapterEnding =
  | { kind: 'end' }
  /** The box plays on into the next chapter, which is where the story goes. */
  | { kind: 'next' }
  | { kind: 'jump'; chapter: number }
  | { kind: 'choice'; random: boolean; options: { stageId: string; label: string; chapter: number }[] };

export interface LinearChapter {
  /** 1-based, as the prompts say it. */
  number: number;
  title: string;
  parts: LinearPart[];
  ending: ChapterEnding;
}

export interface LinearStory {
  chapters: LinearChapter[];
  /** Every distinct prompt, in order of first use: what must be narrated. */
  promptTexts: string[];
  /** False for a story with no choice (a chapter per page, no prompts). */
  branching: boolean;
}

export function linearizeStory(graph: StoryGraph, options: LinearizeOptions): LinearStory {
  const index = indexGraph(graph);
  const steps = reachableSteps(index, graph.coverId);
  const branching = [...steps.values()].some((step) => step.kind === 'choice');
  const heads = chapterHeads(graph.coverId, steps, branching);
  const segments = new Map([...heads].map((head) => [head, segmentFrom(head, heads, steps)]));
  const order = chapterOrder(graph.coverId, segments, steps);
  const numbers = new Map(order.map((head, i) => [head, i + 1]));

  const phrases = promptPhrases(options.language);
  const chapters = order.map((head, i): LinearChapter => {
    const stages = segments.get(head)!;
    const last = stages[stages.length - 1]!;
    const number = i + 1;
    const ending = chapterEnding(steps.get(last)!, number, numbers, index, phrases);
    const prompt = promptFor(ending, number, branching, phrases);
    return {
      number,
      title: chapterTitle(index.stages.get(head)!, head === graph.coverId, options.title),
      parts: [
        ...stages.map((id): LinearPart => {
          const stage = index.stages.get(id)!;
          return { kind: 'stage', stageId: id, audio: stage.audio, text: stage.text };
        }),
        ...(prompt ? [{ kind: 'prompt' as const, text: prompt }] : []),
      ],
      ending,
    };
  });
  const promptTexts = [
    ...new Set(
      chapters.flatMap((chapter) => chapter.parts.flatMap((p) => (p.kind === 'prompt' ? [p.text] : []))),
    ),
  ];
  return { chapters, promptTexts, branching };
}

/** Every stage the child can reach from the cover, with what follows it. */
function reachableSteps(index: GraphIndex, coverId: string): Map<string, StageStep> {
  const steps = new Map<string, StageStep>();
  const queue = [coverId];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (steps.has(id)) continue;
    const step = stageStep(index, index.stages.get(id)!);
    steps.set(id, step);
    queue.push(...targetsOf(step));
  }
  return steps;
}

function targetsOf(step: StageStep): string[] {
  if (step.kind === 'go') return [step.to];
  if (step.kind === 'choice') return step.options;
  return [];
}

/**
 * Where chapters start: the cover, every option of a choice (a child must be able to skip
 * there), and every stage reached from more than one place (told once, skipped to from the
 * others). Every cycle goes through one of these, so no chapter loops on itself.
 */
function chapterHeads(coverId: string, steps: Map<string, StageStep>, branching: boolean): Set<string> {
  const heads = new Set([coverId]);
  const incoming = new Map<string, number>();
  for (const step of steps.values()) {
    for (const target of new Set(targetsOf(step))) incoming.set(target, (incoming.get(target) ?? 0) + 1);
    if (step.kind === 'choice') for (const option of step.options) heads.add(option);
  }
  for (const [id, count] of incoming) if (count > 1) heads.add(id);
  if (!branching) {
    // A chapter per page; the cover only says the title, so it opens the first page's chapter.
    const first = steps.get(coverId);
    for (const id of steps.keys())
      if (id !== coverId && !(first?.kind === 'go' && first.to === id && incoming.get(id) === 1))
        heads.add(id);
  }
  return heads;
}

/** The stages of one chapter: from its head, on while the story goes on to a stage that is no head. */
function segmentFrom(head: string, heads: Set<string>, steps: Map<string, StageStep>): string[] {
  const stages = [head];
  for (let step = steps.get(head)!; step.kind === 'go' && !heads.has(step.to); step = steps.get(step.to)!) {
    // Unreachable for a graph read from the cover (see chapterHeads); kept so a bug cannot hang.
    if (stages.includes(step.to)) throw new LinearizeError(step.to, `The story loops forever at ${step.to}.`);
    stages.push(step.to);
  }
  return stages;
}

/** Chapter heads depth-first from the cover, options in their order. */
function chapterOrder(
  coverId: string,
  segments: Map<string, string[]>,
  steps: Map<string, StageStep>,
): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const stack = [coverId];
  while (stack.length > 0) {
    const head = stack.pop()!;
    if (seen.has(head)) continue;
    seen.add(head);
    order.push(head);
    const stages = segments.get(head)!;
    const next = targetsOf(steps.get(stages[stages.length - 1]!)!);
    // Reversed, so the first option comes off the stack first and gets the next number.
    for (let i = next.length - 1; i >= 0; i -= 1) if (!seen.has(next[i]!)) stack.push(next[i]!);
  }
  return order;
}

function chapterEnding(
  step: StageStep,
  number: number,
  numbers: Map<string, number>,
  index: GraphIndex,
  phrases: PromptPhrases,
): ChapterEnding {
  if (step.kind === 'end') return { kind: 'end' };
  if (step.kind === 'go') {
    const target = numbers.get(step.to)!;
    return target === number + 1 ? { kind: 'next' } : { kind: 'jump', chapter: target };
  }
  return {
    kind: 'choice',
    random: step.random,
    options: step.options.map((stageId, i) => {
      const stage = index.stages.get(stageId)!;
      return {
        stageId,
        label: optionLabel(stage.name, stage.text) ?? phrases.unnamedOption(i + 1),
        chapter: numbers.get(stageId)!,
      };
    }),
  };
}

function promptFor(
  ending: ChapterEnding,
  number: number,
  branching: boolean,
  phrases: PromptPhrases,
): string | null {
  const direction = (chapter: number) => (chapter > number ? 'forward' : 'back');
  switch (ending.kind) {
    case 'next':
      return null;
    // A story with no choice ends on its last chapter, where the box stops by itself.
    case 'end':
      return branching ? phrases.end : null;
    case 'jump':
      return phrases.jump(ending.chapter, direction(ending.chapter));
    case 'choice':
      return ending.random
        ? phrases.surprise(ending.options.map((option) => option.chapter))
        : ending.options
            .map((option) => phrases.option(option.label, option.chapter, direction(option.chapter)))
            .join(' ');
  }
}

function chapterTitle(head: StageNode, isCover: boolean, storyTitle: string): string {
  if (isCover) return storyTitle;
  return optionLabel(head.name, head.text) ?? storyTitle;
}
