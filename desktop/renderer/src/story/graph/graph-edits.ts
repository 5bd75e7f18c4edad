/**
 * The edits a parent makes on the story's graph, as pure functions: each takes a graph and
 * returns a new one (the old one untouched, so the undo history can keep it), and never
 * returns a graph that storyGraphSchema would refuse. An edit that cannot be made throws a
 * GraphEditError whose message says why.
 *
 * Stage → stage links follow the house's outline format (device-bridge/pack/story-outline.ts):
 * the stage's OK goes to a one-option action, a "link", which the editor draws as a plain arrow.
 */
import {
  STORY_CONTROLS,
  type ActionNode,
  type Controls,
  type StageNode,
  type StoryGraph,
  type Transition,
} from '../../../../../device-bridge/pack/story-graph';
import { isLink } from './graph-diagram';

/** The schema's limits (device-bridge/pack/story-graph.ts), checked here so an edit never breaks them. */
export const GRAPH_LIMITS = { nodes: 5000, options: 1000, name: 500 } as const;

export class GraphEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphEditError';
  }
}

export interface Position {
  x: number;
  y: number;
}

function stageOf(graph: StoryGraph, id: string): StageNode {
  const stage = graph.stages.find((node) => node.id === id);
  if (!stage) throw new GraphEditError(`There is no step ${id} in this story.`);
  return stage;
}

function actionOf(graph: StoryGraph, id: string): ActionNode {
  const action = graph.actions.find((node) => node.id === id);
  if (!action) throw new GraphEditError(`There is no choice ${id} in this story.`);
  return action;
}

function checkNewId(graph: StoryGraph, id: string): void {
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(id)) throw new GraphEditError(`“${id}” cannot be a node id.`);
  if (graph.stages.some((node) => node.id === id) || graph.actions.some((node) => node.id === id)) {
    throw new GraphEditError(`The id ${id} is already used in this story.`);
  }
}

function checkName(name: string): string {
  if (name.length > GRAPH_LIMITS.name) {
    throw new GraphEditError(`A name may be at most ${GRAPH_LIMITS.name} characters long.`);
  }
  return name;
}

function roundPosition(position: Position): Position {
  return { x: Math.round(position.x), y: Math.round(position.y) };
}

function withStage(graph: StoryGraph, id: string, change: (stage: StageNode) => StageNode): StoryGraph {
  return { ...graph, stages: graph.stages.map((stage) => (stage.id === id ? change(stage) : stage)) };
}

function withAction(graph: StoryGraph, id: string, change: (action: ActionNode) => ActionNode): StoryGraph {
  return { ...graph, actions: graph.actions.map((action) => (action.id === id ? change(action) : action)) };
}

/** How many stage transitions (OK or HOME) go to this action. */
function usesOf(graph: StoryGraph, actionId: string): number {
  let uses = 0;
  for (const stage of graph.stages) {
    if (stage.ok?.action === actionId) uses += 1;
    if (stage.home?.action === actionId) uses += 1;
  }
  return uses;
}

/**
 * Removes links no transition uses any more. Why only links: a choice the parent made stays
 * until they delete it, even while nothing leads to it (the validator says so on the node).
 */
function pruneOrphanLinks(graph: StoryGraph): StoryGraph {
  const orphans = graph.actions.filter((action) => isLink(action) && usesOf(graph, action.id) === 0);
  if (orphans.length === 0) return graph;
  const gone = new Set(orphans.map((action) => action.id));
  return { ...graph, actions: graph.actions.filter((action) => !gone.has(action.id)) };
}

/** A transition's option index once option `removed` of its action is gone (null: none left). */
function shiftedTransition(transition: Transition, removed: number, optionsLeft: number): Transition | null {
  if (optionsLeft === 0) return null;
  if (transition.optionIndex > removed) return { ...transition, optionIndex: transition.optionIndex - 1 };
  if (transition.optionIndex === removed) return { ...transition, optionIndex: 0 };
  return transition;
}

/**
 * Points one of a stage's transitions at another stage (through a link, reused when only this
 * transition uses it) or at a choice. `extra` is what else changes on the stage.
 */
function pointTransition(
  graph: StoryGraph,
  stageId: string,
  which: 'ok' | 'home',
  targetId: string,
  newLinkId: string,
): StoryGraph {
  const stage = stageOf(graph, stageId);
  // Why: a stage that goes on is no end; HOME does not change that.
  const extra = which === 'ok' ? { end: false } : {};
  const targetAction = graph.actions.find((action) => action.id === targetId);
  if (targetAction && !isLink(targetAction)) {
    return pruneOrphanLinks(
      withStage(graph, stageId, (node) => ({
        ...node,
        [which]: { action: targetId, optionIndex: 0 },
        ...extra,
      })),
    );
  }
  stageOf(graph, targetId);
  const now = stage[which];
  const current = now ? graph.actions.find((action) => action.id === now.action) : undefined;
  if (current && isLink(current) && usesOf(graph, current.id) === 1) {
    const relinked = withAction(graph, current.id, (action) => ({ ...action, options: [targetId] }));
    return withStage(relinked, stageId, (node) => ({
      ...node,
      [which]: { action: current.id, optionIndex: 0 },
      ...extra,
    }));
  }
  checkNewId(graph, newLinkId);
  checkCount(graph.actions.length + 1);
  const name = `${stage.name} ${which === 'ok' ? '→' : '⌂'}`;
  const link: ActionNode = { id: newLinkId, name, kind: 'action', options: [targetId] };
  const linked = withStage({ ...graph, actions: [...graph.actions, link] }, stageId, (node) => ({
    ...node,
    [which]: { action: newLinkId, optionIndex: 0 },
    ...extra,
  }));
  return pruneOrphanLinks(linked);
}

/** Where a stage's OK (or autoplay) leads: a stage or a choice. The stage stops being an end. */
export function connect(graph: StoryGraph, stageId: string, targetId: string, newLinkId: string): StoryGraph {
  return pointTransition(graph, stageId, 'ok', targetId, newLinkId);
}

/**
 * Where HOME leads from this stage: a stage or a choice (a menu to go back to), or null for
 * the box's own pack menu, which is what HOME does on a box by default.
 */
export function setHome(
  graph: StoryGraph,
  stageId: string,
  targetId: string | null,
  newLinkId: string,
): StoryGraph {
  if (targetId !== null) return pointTransition(graph, stageId, 'home', targetId, newLinkId);
  stageOf(graph, stageId);
  return pruneOrphanLinks(withStage(graph, stageId, (node) => ({ ...node, home: null })));
}

/** The stage leads nowhere (its OK is cleared); it is not made an end by this. */
export function disconnect(graph: StoryGraph, stageId: string): StoryGraph {
  stageOf(graph, stageId);
  return pruneOrphanLinks(withStage(graph, stageId, (node) => ({ ...node, ok: null })));
}

/** Marks a stage as an end (its OK cleared, as the schema's rule asks) or no longer one. */
export function setEnd(graph: StoryGraph, stageId: string, end: boolean): StoryGraph {
  stageOf(graph, stageId);
  return pruneOrphanLinks(
    withStage(graph, stageId, (node) => (end ? { ...node, end: true, ok: null } : { ...node, end: false })),
  );
}

/** Turns one of the box's buttons on or off while this stage plays (Lunii's per-node controls). */
export function setControl(
  graph: StoryGraph,
  stageId: string,
  control: keyof Controls,
  on: boolean,
): StoryGraph {
  stageOf(graph, stageId);
  return withStage(graph, stageId, (node) => ({ ...node, controls: { ...node.controls, [control]: on } }));
}

export function addOption(graph: StoryGraph, actionId: string, stageId: string): StoryGraph {
  const action = actionOf(graph, actionId);
  stageOf(graph, stageId);
  if (action.options.length >= GRAPH_LIMITS.options) {
    throw new GraphEditError(`A choice may offer at most ${GRAPH_LIMITS.options} options.`);
  }
  return withAction(graph, actionId, (node) => ({ ...node, options: [...node.options, stageId] }));
}

/** Removes option `index`; transitions that picked it (or one after it) are kept pointing right. */
export function removeOption(graph: StoryGraph, actionId: string, index: number): StoryGraph {
  const action = actionOf(graph, actionId);
  if (!Number.isInteger(index) || index < 0 || index >= action.options.length) {
    throw new GraphEditError(`Choice “${action.name || action.id}” has no option ${index + 1}.`);
  }
  const options = action.options.filter((_, at) => at !== index);
  const trimmed = withAction(graph, actionId, (node) => ({ ...node, options }));
  const fix = (transition: Transition | null): Transition | null =>
    transition?.action === actionId ? shiftedTransition(transition, index, options.length) : transition;
  return {
    ...trimmed,
    stages: trimmed.stages.map((stage) => ({ ...stage, ok: fix(stage.ok), home: fix(stage.home) })),
  };
}

/**
 * Moves option `from` of a choice to place `to` (the order the wheel offers them); the
 * transitions that pick an option of this choice keep picking the same step.
 */
export function moveOption(graph: StoryGraph, actionId: string, from: number, to: number): StoryGraph {
  const action = actionOf(graph, actionId);
  const count = action.options.length;
  for (const at of [from, to]) {
    if (!Number.isInteger(at) || at < 0 || at >= count) {
      throw new GraphEditError(`Choice “${action.name || action.id}” has no option ${at + 1}.`);
    }
  }
  const order = action.options.map((_, at) => at);
  order.splice(to, 0, ...order.splice(from, 1));
  const newPlace = new Map(order.map((old, place) => [old, place]));
  const moved = withAction(graph, actionId, (node) => ({
    ...node,
    options: order.map((old) => node.options[old]!),
  }));
  const fix = (transition: Transition | null): Transition | null =>
    transition?.action === actionId && transition.optionIndex >= 0
      ? { ...transition, optionIndex: newPlace.get(transition.optionIndex) ?? transition.optionIndex }
      : transition;
  return {
    ...moved,
    stages: moved.stages.map((stage) => ({ ...stage, ok: fix(stage.ok), home: fix(stage.home) })),
  };
}

function checkCount(count: number): void {
  if (count > GRAPH_LIMITS.nodes) {
    throw new GraphEditError(
      `A story may have at most ${GRAPH_LIMITS.nodes} steps and ${GRAPH_LIMITS.nodes} choices.`,
    );
  }
}

/** A new story step, not linked yet: the validator will say it is unreached and leads nowhere. */
export function addStage(graph: StoryGraph, id: string, name: string, position: Position): StoryGraph {
  checkNewId(graph, id);
  checkCount(graph.stages.length + 1);
  const stage: StageNode = {
    id,
    name: checkName(name),
    kind: 'story',
    text: '',
    image: null,
    audio: null,
    controls: STORY_CONTROLS,
    ok: null,
    home: null,
    end: false,
    position: roundPosition(position),
  };
  return { ...graph, stages: [...graph.stages, stage] };
}

/** A new choice with no option yet. Its kind marks it as a menu, so it never reads as a link. */
export function addChoice(graph: StoryGraph, id: string, name: string, position: Position): StoryGraph {
  checkNewId(graph, id);
  checkCount(graph.actions.length + 1);
  const action: ActionNode = {
    id,
    name: checkName(name),
    kind: 'menu.questionaction',
    options: [],
    position: roundPosition(position),
  };
  return { ...graph, actions: [...graph.actions, action] };
}

/**
 * Deletes a stage or a choice and every link to it: options naming a deleted stage go, and
 * transitions into a deleted choice (or a link left with no option) are cleared.
 */
export function deleteNode(graph: StoryGraph, nodeId: string): StoryGraph {
  if (nodeId === graph.coverId) {
    throw new GraphEditError('The cover cannot be deleted: every story starts with it.');
  }
  if (graph.stages.some((stage) => stage.id === nodeId)) {
    let next: StoryGraph = { ...graph, stages: graph.stages.filter((stage) => stage.id !== nodeId) };
    for (const action of graph.actions) {
      // Why from the last: removing an option shifts the indexes of those after it.
      for (let index = action.options.length - 1; index >= 0; index -= 1) {
        if (action.options[index] === nodeId) next = removeOption(next, action.id, index);
      }
    }
    // Why from the original graph: a link that only led to the deleted stage has no option left now.
    const emptyLinks = new Set(
      graph.actions.filter((action) => isLink(action) && action.options[0] === nodeId).map((a) => a.id),
    );
    next = { ...next, actions: next.actions.filter((action) => !emptyLinks.has(action.id)) };
    return pruneOrphanLinks(clearTransitionsInto(next, (id) => emptyLinks.has(id)));
  }
  actionOf(graph, nodeId);
  const without = { ...graph, actions: graph.actions.filter((action) => action.id !== nodeId) };
  return clearTransitionsInto(without, (id) => id === nodeId);
}

function clearTransitionsInto(graph: StoryGraph, gone: (actionId: string) => boolean): StoryGraph {
  return {
    ...graph,
    stages: graph.stages.map((stage) => {
      const ok = stage.ok && gone(stage.ok.action) ? null : stage.ok;
      const home = stage.home && gone(stage.home.action) ? null : stage.home;
      return ok === stage.ok && home === stage.home ? stage : { ...stage, ok, home };
    }),
  };
}

export function rename(graph: StoryGraph, nodeId: string, name: string): StoryGraph {
  checkName(name);
  if (graph.stages.some((stage) => stage.id === nodeId)) {
    return withStage(graph, nodeId, (stage) => ({ ...stage, name }));
  }
  actionOf(graph, nodeId);
  return withAction(graph, nodeId, (action) => ({ ...action, name }));
}

/** Where the parent dropped a node on the canvas (whole pixels, so saved graphs stay tidy). */
export function move(graph: StoryGraph, nodeId: string, position: Position): StoryGraph {
  if (!Number.isFinite(position.x) || !Number.isFinite(position.y)) {
    throw new GraphEditError('A node can only be placed at a finite position.');
  }
  const at = roundPosition(position);
  if (graph.stages.some((stage) => stage.id === nodeId)) {
    return withStage(graph, nodeId, (stage) => ({ ...stage, position: at }));
  }
  actionOf(graph, nodeId);
  return withAction(graph, nodeId, (action) => ({ ...action, position: at }));
}
