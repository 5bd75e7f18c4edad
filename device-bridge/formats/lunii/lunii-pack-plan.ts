/**
 * Turns a story graph into the shape of a Lunii pack, before any file is touched: node
 * order (cover first), where each action's options sit in `li`, and which asset each stage
 * shows and plays. Everything a Lunii cannot play is refused here with the node named, so a
 * bad graph never costs an encode.
 */
import type { ActionNode, StageNode, StoryGraph, Transition } from '../../pack/story-graph';
import { LuniiFormatError } from './lunii-format-error';
import type { NiTransition } from './lunii-node-index';

export interface PlannedStage {
  stage: StageNode;
  /** SHA-256 of the source picture, or null for none. */
  imageHash: string | null;
  /** SHA-256 of the source audio, or null: the stage then plays a short silence. */
  audioHash: string | null;
  ok: NiTransition | null;
  home: NiTransition | null;
}

export interface LuniiPackPlan {
  /** In `ni` order: the cover first, then the graph's order. */
  stages: PlannedStage[];
  /** `li`: every action's options, as stage positions, actions in the graph's order. */
  listIndex: number[];
}

export function planLuniiPack(graph: StoryGraph): LuniiPackPlan {
  const cover = graph.stages.find((stage) => stage.id === graph.coverId);
  if (!cover) {
    throw unplayable(`The story has no cover: its cover node ${graph.coverId} is not one of its stages.`);
  }
  if (!cover.image) {
    throw unplayable(
      `The cover ${label(cover)} has no picture; a Lunii shows the cover picture in its list of stories.`,
    );
  }
  const ordered = [cover, ...graph.stages.filter((stage) => stage !== cover)];
  const position = new Map<string, number>();
  for (const [i, stage] of ordered.entries()) {
    if (position.has(stage.id)) throw unplayable(`Two stages share the id ${stage.id}.`);
    position.set(stage.id, i);
  }

  const listIndex: number[] = [];
  const actions = new Map<string, { offset: number; count: number }>();
  for (const action of graph.actions) {
    if (actions.has(action.id) || position.has(action.id))
      throw unplayable(`Two nodes share the id ${action.id}.`);
    actions.set(action.id, { offset: listIndex.length, count: action.options.length });
    listIndex.push(...actionOptions(action, position));
  }

  const stages = ordered.map((stage): PlannedStage => {
    const link = (transition: Transition | null, which: string): NiTransition | null =>
      transition ? resolve(stage, transition, which, actions) : null;
    return {
      stage,
      imageHash: stage.image?.hash ?? null,
      audioHash: stage.audio?.hash ?? null,
      // Why ignore ok on an end stage: the box goes back to its menu; -1 says just that.
      ok: stage.end ? null : link(stage.ok, 'OK'),
      home: link(stage.home, 'HOME'),
    };
  });
  return { stages, listIndex };
}

function actionOptions(action: ActionNode, position: Map<string, number>): number[] {
  if (action.options.length === 0) {
    throw unplayable(
      `The choice ${actionLabel(action)} offers no option; a Lunii needs at least one to move on.`,
    );
  }
  return action.options.map((option) => {
    const at = position.get(option);
    if (at === undefined) {
      throw unplayable(
        `The choice ${actionLabel(action)} leads to ${option}, which is not a stage of this story.`,
      );
    }
    return at;
  });
}

function resolve(
  stage: StageNode,
  transition: Transition,
  which: string,
  actions: Map<string, { offset: number; count: number }>,
): NiTransition {
  const action = actions.get(transition.action);
  if (!action) {
    throw unplayable(
      `The ${which} link of ${label(stage)} leads to ${transition.action}, which is not a choice of this story.`,
    );
  }
  if (transition.optionIndex >= action.count) {
    throw unplayable(
      `The ${which} link of ${label(stage)} picks option ${transition.optionIndex} of ${transition.action}, which has only ${action.count}.`,
    );
  }
  return { liIndex: action.offset, optionCount: action.count, optionIndex: transition.optionIndex };
}

function label(stage: StageNode): string {
  return stage.name ? `"${stage.name}" (${stage.id})` : stage.id;
}

function actionLabel(action: ActionNode): string {
  return action.name ? `"${action.name}" (${action.id})` : action.id;
}

function unplayable(message: string): LuniiFormatError {
  return new LuniiFormatError('unplayable-graph', message);
}
