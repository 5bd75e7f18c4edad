/**
 * How a Lunii box walks a story graph, as a pure state machine: the player page feeds it the
 * child's buttons and the end of each sound, and shows the state it returns.
 *
 * Why pure and total (it never throws): the page runs it inside React state updates, where a
 * throw would blank the page; a graph with a broken transition (the story page lists those as
 * issues) becomes a `broken` state naming the node, and the parent can still play the rest.
 */
import type {
  ActionNode,
  StageNode,
  StoryGraph,
  Transition,
} from '../../../../device-bridge/pack/story-graph';

export type PlayerStatus = 'playing' | 'paused' | 'ended' | 'stopped' | 'broken';

/** Why the walk could not go on: a transition pointing nowhere. The page words it. */
export type PlayerProblem =
  | { kind: 'missing-action'; nodeId: string; actionId: string }
  | { kind: 'missing-stage'; nodeId: string; stageId: string }
  | { kind: 'bad-option'; nodeId: string; optionIndex: number; size: number };

export interface PlayerState {
  status: PlayerStatus;
  /** The stage on the box's screen (and in its speaker). */
  stageId: string;
  /** The action that led here and which of its options this stage is: what the wheel turns through. Null at the cover. */
  menu: { actionId: string; index: number } | null;
  /** Stages landed on so far, oldest first; turning the wheel replaces the last one (it is not chosen yet). */
  path: string[];
  /** Bumped each time a stage starts playing, so the same stage met again (a loop) plays again. */
  playCount: number;
  problem: PlayerProblem | null;
}

export type PlayerEvent =
  | { type: 'wheel'; delta: 1 | -1 }
  | { type: 'ok' }
  | { type: 'home' }
  | { type: 'pause' }
  | { type: 'audioEnded' };

/** The graph looked up by id, built once per story. */
export interface PlayerGraph {
  graph: StoryGraph;
  stages: Map<string, StageNode>;
  actions: Map<string, ActionNode>;
}

/** A number in [0, 1): Math.random on the page, a fixed sequence in tests. */
export type RandomSource = () => number;

/** Why capped: a looping story played for an hour must not grow the path (and the page) without end. */
export const PATH_LIMIT = 200;

export function indexPlayerGraph(graph: StoryGraph): PlayerGraph {
  return {
    graph,
    stages: new Map(graph.stages.map((stage) => [stage.id, stage])),
    actions: new Map(graph.actions.map((action) => [action.id, action])),
  };
}

/** The box opens the pack: the cover plays. */
export function startPlayer(player: PlayerGraph): PlayerState {
  const { coverId } = player.graph;
  const state: PlayerState = {
    status: 'playing',
    stageId: coverId,
    menu: null,
    path: [coverId],
    playCount: 1,
    problem: null,
  };
  return player.stages.has(coverId)
    ? state
    : { ...state, status: 'broken', problem: { kind: 'missing-stage', nodeId: coverId, stageId: coverId } };
}

export function playerStage(player: PlayerGraph, state: PlayerState): StageNode | null {
  return player.stages.get(state.stageId) ?? null;
}

/** Where the wheel stands on this stage ("2 of 3"), or null when the wheel has nothing to turn through. */
export function wheelPosition(
  player: PlayerGraph,
  state: PlayerState,
): { index: number; size: number } | null {
  const stage = playerStage(player, state);
  if (!stage?.controls.wheel || !state.menu) return null;
  const size = player.actions.get(state.menu.actionId)?.options.length ?? 0;
  return size > 1 ? { index: state.menu.index, size } : null;
}

/** Whether a button does anything now: the page greys out the others, as the box ignores them. */
export function buttonLive(
  player: PlayerGraph,
  state: PlayerState,
  button: 'wheel' | 'ok' | 'home' | 'pause',
): boolean {
  const stage = playerStage(player, state);
  if (!stage || (state.status !== 'playing' && state.status !== 'paused')) return false;
  if (button === 'pause') return stage.controls.pause;
  if (state.status === 'paused') return button === 'home' && stage.controls.home;
  if (button === 'wheel') return wheelPosition(player, state) !== null;
  return stage.controls[button];
}

export function playerStep(
  player: PlayerGraph,
  state: PlayerState,
  event: PlayerEvent,
  random: RandomSource = Math.random,
): PlayerState {
  const stage = playerStage(player, state);
  if (!stage || (state.status !== 'playing' && state.status !== 'paused')) return state;
  switch (event.type) {
    case 'pause':
      if (!stage.controls.pause) return state;
      return { ...state, status: state.status === 'paused' ? 'playing' : 'paused' };
    case 'home':
      if (!stage.controls.home) return state;
      return stage.home ? follow(player, state, stage, stage.home, random) : { ...state, status: 'stopped' };
    case 'wheel':
      return state.status === 'playing' ? turnWheel(player, state, event.delta) : state;
    case 'ok':
      return state.status === 'playing' && stage.controls.ok ? goOn(player, state, stage, random) : state;
    case 'audioEnded':
      // Why only with autoplay: without it the box waits on the stage for the child to press OK.
      return state.status === 'playing' && stage.controls.autoplay
        ? goOn(player, state, stage, random)
        : state;
  }
}

/** OK, or the end of an autoplay sound: the story ends here, or its `ok` transition is followed. */
function goOn(player: PlayerGraph, state: PlayerState, stage: StageNode, random: RandomSource): PlayerState {
  if (stage.end || !stage.ok) return { ...state, status: 'ended' };
  return follow(player, state, stage, stage.ok, random);
}

function turnWheel(player: PlayerGraph, state: PlayerState, delta: 1 | -1): PlayerState {
  const position = wheelPosition(player, state);
  if (!position || !state.menu) return state;
  const action = player.actions.get(state.menu.actionId)!;
  // Why it wraps: a Lunii wheel turned past the last option comes back to the first.
  const index = (position.index + delta + position.size) % position.size;
  const stageId = action.options[index]!;
  if (!player.stages.has(stageId))
    return broken(state, { kind: 'missing-stage', nodeId: action.id, stageId });
  return {
    ...state,
    stageId,
    menu: { actionId: action.id, index },
    path: [...state.path.slice(0, -1), stageId],
    playCount: state.playCount + 1,
  };
}

function follow(
  player: PlayerGraph,
  state: PlayerState,
  from: StageNode,
  transition: Transition,
  random: RandomSource,
): PlayerState {
  const action = player.actions.get(transition.action);
  if (!action) return broken(state, { kind: 'missing-action', nodeId: from.id, actionId: transition.action });
  const size = action.options.length;
  if (size === 0 || transition.optionIndex >= size)
    return broken(state, { kind: 'bad-option', nodeId: from.id, optionIndex: transition.optionIndex, size });
  const index =
    transition.optionIndex === -1 ? Math.min(size - 1, Math.floor(random() * size)) : transition.optionIndex;
  const stageId = action.options[index]!;
  if (!player.stages.has(stageId))
    return broken(state, { kind: 'missing-stage', nodeId: action.id, stageId });
  return {
    status: 'playing',
    stageId,
    menu: { actionId: action.id, index },
    path: [...state.path, stageId].slice(-PATH_LIMIT),
    playCount: state.playCount + 1,
    problem: null,
  };
}

function broken(state: PlayerState, problem: PlayerProblem): PlayerState {
  return { ...state, status: 'broken', problem };
}
