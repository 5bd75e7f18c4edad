/**
 * What the player says about where the walk is: one line for the screen and for screen
 * readers (aria-live). Stage names only, never their text, so Mode Conte reveals no words a
 * parent wants the child to hear first.
 */
import { strings } from '../strings';
import {
  playerStage,
  wheelPosition,
  type PlayerGraph,
  type PlayerProblem,
  type PlayerState,
} from './player-machine';

const t = strings.player;

export function announcement(player: PlayerGraph, state: PlayerState): string {
  const stage = playerStage(player, state);
  const name = stage?.name || state.stageId;
  switch (state.status) {
    case 'ended':
      return t.ended;
    case 'stopped':
      return t.stopped;
    case 'broken':
      return state.problem ? problemText(player, state.problem) : t.ended;
    case 'paused':
      return t.paused(name);
    case 'playing': {
      const wheel = wheelPosition(player, state);
      return wheel ? t.choice(wheel.index + 1, wheel.size, name) : t.nowPlaying(name);
    }
  }
}

export function problemText(player: PlayerGraph, problem: PlayerProblem): string {
  const name =
    player.stages.get(problem.nodeId)?.name || player.actions.get(problem.nodeId)?.name || problem.nodeId;
  const detail =
    problem.kind === 'missing-action'
      ? t.missingAction(problem.actionId)
      : problem.kind === 'missing-stage'
        ? t.missingStage(problem.stageId)
        : t.badOption(problem.optionIndex + 1, problem.size);
  return t.problem(name, detail);
}
