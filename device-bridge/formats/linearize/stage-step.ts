/**
 * What a Lunii does once a stage has played: stop, go on to one stage, or let the child (or
 * chance) pick among several. This is the one reading of the graph's transitions the
 * linearizer relies on, written out so it can be checked against a walk of the graph.
 *
 * Why the wheel decides what is a choice: the box lands on option `optionIndex` of the
 * action; the child can move to the other options only if that stage honours the wheel.
 * With the wheel off the box simply plays that option, so it is a plain "go on", whatever
 * the action's size. A random transition (-1) is a choice too: a linear box cannot draw
 * lots, so the child picks.
 */
import type { ActionNode, StageNode, StoryGraph } from '../../pack/story-graph';
import { LinearizeError } from './linearize-error';

export type StageStep =
  { kind: 'end' } | { kind: 'go'; to: string } | { kind: 'choice'; options: string[]; random: boolean };

export interface GraphIndex {
  stages: Map<string, StageNode>;
  actions: Map<string, ActionNode>;
}

export function indexGraph(graph: StoryGraph): GraphIndex {
  const stages = new Map(graph.stages.map((stage) => [stage.id, stage]));
  const actions = new Map(graph.actions.map((action) => [action.id, action]));
  if (!stages.has(graph.coverId))
    throw new LinearizeError(graph.coverId, `The cover stage ${graph.coverId} is not in the story.`);
  return { stages, actions };
}

export function stageStep(index: GraphIndex, stage: StageNode): StageStep {
  // A stage with no way on is where a Lunii goes back to its menu: for the child, the end.
  if (stage.end || !stage.ok) return { kind: 'end' };
  const action = index.actions.get(stage.ok.action);
  if (!action)
    throw new LinearizeError(
      stage.id,
      `"${stage.name || stage.id}" leads to ${stage.ok.action}, which is not a choice node of this story.`,
    );
  for (const target of action.options)
    if (!index.stages.has(target))
      throw new LinearizeError(
        action.id,
        `Choice "${action.name || action.id}" offers ${target}, which is not a stage of this story.`,
      );
  const { optionIndex } = stage.ok;
  if (action.options.length === 0 || optionIndex >= action.options.length)
    throw new LinearizeError(
      stage.id,
      `"${stage.name || stage.id}" picks option ${optionIndex + 1} of "${action.name || action.id}", which has ${action.options.length}.`,
    );
  if (action.options.length === 1) return { kind: 'go', to: action.options[0]! };
  if (optionIndex === -1) return { kind: 'choice', options: [...action.options], random: true };
  const landing = index.stages.get(action.options[optionIndex]!)!;
  if (landing.controls.wheel) return { kind: 'choice', options: [...action.options], random: false };
  return { kind: 'go', to: landing.id };
}
