/**
 * The graph laid out the way a parent reads a book: the cover first, then each step in the
 * order the box plays it (following OK, then HOME). A choice (an action with more than one
 * option) is shown where it happens, followed by every path in turn, each path read to its
 * end before the next. Parts no path reaches are listed apart: a child can never hear them.
 */
import type { ActionNode, StageNode, StoryGraph } from '../../../../device-bridge/pack/story-graph';

export type ReadingItem =
  | { type: 'stage'; stage: StageNode; next: StageNode | null }
  | { type: 'choice'; action: ActionNode; options: { id: string; stage: StageNode | null }[] };

export interface ReadingOrder {
  items: ReadingItem[];
  unreachable: StageNode[];
  /** Ids of every node shown (stages and choices), to place issues on them. */
  shownIds: Set<string>;
}

export function readingOrder(graph: StoryGraph): ReadingOrder {
  const stages = new Map(graph.stages.map((stage) => [stage.id, stage]));
  const actions = new Map(graph.actions.map((action) => [action.id, action]));
  const items: ReadingItem[] = [];
  const seen = new Set<string>();

  /** Where OK leads when it leads to exactly one stage (no choice to show). */
  const singleNext = (stage: StageNode): StageNode | null => {
    const action = stage.ok ? actions.get(stage.ok.action) : undefined;
    if (!action || action.options.length !== 1) return null;
    return stages.get(action.options[0]!) ?? null;
  };

  // Why an explicit stack, not recursion: a 5000-node pack would overflow the call stack.
  const stack: string[] = [graph.coverId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    const stage = stages.get(id);
    const action = actions.get(id);
    if (stage) {
      seen.add(id);
      items.push({ type: 'stage', stage, next: singleNext(stage) });
      // Why HOME too, pushed first: OK's path is read first; HOME rarely leads anywhere new.
      for (const transition of [stage.home, stage.ok]) {
        const target = transition ? actions.get(transition.action) : undefined;
        if (!target) continue;
        stack.push(target.options.length === 1 ? target.options[0]! : target.id);
      }
    } else if (action) {
      seen.add(id);
      items.push({
        type: 'choice',
        action,
        options: action.options.map((option) => ({ id: option, stage: stages.get(option) ?? null })),
      });
      for (const option of [...action.options].reverse()) stack.push(option);
    }
  }

  const shownIds = new Set(seen);
  const unreachable = graph.stages.filter((stage) => !seen.has(stage.id));
  for (const stage of unreachable) shownIds.add(stage.id);
  return { items, unreachable, shownIds };
}

/** The graph with one stage's words replaced. */
export function withStageText(graph: StoryGraph, stageId: string, text: string): StoryGraph {
  return {
    ...graph,
    stages: graph.stages.map((stage) => (stage.id === stageId ? { ...stage, text } : stage)),
  };
}
