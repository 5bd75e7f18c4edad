import { describe, expect, it } from 'vitest';

// eslint-disable-next-line no-restricted-imports -- the test walks the real example stories (plain data, type imports only); nothing of the core ships in the renderer.
import { EXAMPLE_STORIES } from '../../../core/examples/example-stories';
import { graphFromOutline } from '../../../../device-bridge/pack/story-outline';
import {
  MENU_CONTROLS,
  STORY_CONTROLS,
  type StageNode,
  type StoryGraph,
} from '../../../../device-bridge/pack/story-graph';
import {
  PATH_LIMIT,
  buttonLive,
  indexPlayerGraph,
  playerStage,
  playerStep,
  startPlayer,
  wheelPosition,
  type PlayerEvent,
  type PlayerGraph,
  type PlayerState,
  type RandomSource,
} from './player-machine';

function exampleGraph(language: 'en' | 'fr'): StoryGraph {
  const example = EXAMPLE_STORIES.find((story) => story.meta.language === language)!;
  return graphFromOutline(example.stages, (stage) => `${stage.id}:next`);
}

function run(player: PlayerGraph, events: PlayerEvent[], random?: RandomSource): PlayerState {
  let state = startPlayer(player);
  for (const event of events) state = playerStep(player, state, event, random);
  return state;
}

function names(player: PlayerGraph, ids: string[]): string[] {
  return ids.map((id) => player.stages.get(id)!.name);
}

const OK: PlayerEvent = { type: 'ok' };
const ENDED: PlayerEvent = { type: 'audioEnded' };
const RIGHT: PlayerEvent = { type: 'wheel', delta: 1 };
const LEFT: PlayerEvent = { type: 'wheel', delta: -1 };

describe('the player on the French example (a choice at the crossroads)', () => {
  const player = indexPlayerGraph(exampleGraph('fr'));

  it('should start on the cover, whose wheel has nothing to turn through', () => {
    const state = startPlayer(player);
    expect(playerStage(player, state)?.name).toBe('Lila et la rivière qui chante');
    expect(state.status).toBe('playing');
    expect(wheelPosition(player, state)).toBeNull();
    expect(buttonLive(player, state, 'ok')).toBe(true);
    // The cover's sound ending does not move on: the box waits for OK.
    expect(playerStep(player, state, ENDED)).toEqual(state);
  });

  it('should play the story on by itself up to the choice, then follow the river with the wheel and OK', () => {
    const atChoice = run(player, [OK, ENDED, ENDED]);
    expect(playerStage(player, atChoice)?.name).toBe('La forêt');
    expect(wheelPosition(player, atChoice)).toEqual({ index: 0, size: 2 });
    const onRiver = playerStep(player, atChoice, RIGHT);
    expect(playerStage(player, onRiver)?.name).toBe('La rivière');
    expect(onRiver.playCount).toBe(atChoice.playCount + 1);
    // The option browsed replaces the one before it in the path: only the chosen one stays.
    expect(names(player, onRiver.path)).toEqual([
      'Lila et la rivière qui chante',
      'La chanson',
      'Quel chemin ?',
      'La rivière',
    ]);
    const story = playerStep(player, onRiver, OK);
    expect(playerStage(player, story)?.name).toBe('Au bord de la rivière');
    expect(wheelPosition(player, story)).toBeNull();
    const end = playerStep(player, story, ENDED);
    expect(end.status).toBe('ended');
    expect(names(player, end.path).at(-1)).toBe('Au bord de la rivière');
    // Once ended nothing moves.
    expect(playerStep(player, end, OK)).toBe(end);
  });

  it('should wrap the wheel around both ways and ignore OK on an autoplay story page', () => {
    const atChoice = run(player, [OK, ENDED, ENDED]);
    expect(playerStage(player, playerStep(player, atChoice, LEFT))?.name).toBe('La rivière');
    expect(playerStage(player, run(player, [OK, ENDED, ENDED, RIGHT, RIGHT]))?.name).toBe('La forêt');
    const song = run(player, [OK]);
    expect(buttonLive(player, song, 'ok')).toBe(false);
    expect(playerStep(player, song, OK)).toBe(song);
    expect(playerStep(player, song, RIGHT)).toBe(song);
  });

  it('should pause and resume only where the stage allows it, and ignore the end of the sound while paused', () => {
    const song = run(player, [OK]);
    const paused = playerStep(player, song, { type: 'pause' });
    expect(paused.status).toBe('paused');
    expect(playerStep(player, paused, ENDED)).toBe(paused);
    expect(playerStep(player, paused, { type: 'pause' }).status).toBe('playing');
    const cover = startPlayer(player);
    expect(playerStep(player, cover, { type: 'pause' })).toBe(cover);
  });

  it('should go back to the box menu (stop) on HOME where the stage has no home transition', () => {
    const atChoice = run(player, [OK, ENDED, ENDED]);
    expect(playerStep(player, atChoice, { type: 'home' }).status).toBe('stopped');
    // The cover's HOME is off: the box ignores it.
    const cover = startPlayer(player);
    expect(playerStep(player, cover, { type: 'home' })).toBe(cover);
  });
});

describe('the player on the English example (a straight story)', () => {
  it('should play every page in order to the end by the end of each sound', () => {
    const player = indexPlayerGraph(exampleGraph('en'));
    const end = run(player, [OK, ENDED, ENDED, ENDED]);
    expect(end.status).toBe('ended');
    expect(names(player, end.path)).toEqual([
      'Pip and the Lantern Moth',
      'The burrow',
      'The moth',
      'Night friends',
    ]);
  });
});

function stage(id: string, overrides: Partial<StageNode> = {}): StageNode {
  return {
    id,
    name: id,
    text: `${id} text`,
    image: null,
    audio: null,
    controls: STORY_CONTROLS,
    ok: null,
    home: null,
    end: false,
    ...overrides,
  };
}

describe('the player on hand-made graphs', () => {
  it('should draw a random option from the random source for optionIndex -1', () => {
    const graph: StoryGraph = {
      coverId: 'cover',
      stages: [
        stage('cover', { controls: MENU_CONTROLS, ok: { action: 'draw', optionIndex: -1 } }),
        stage('a', { end: true }),
        stage('b', { end: true }),
        stage('c', { end: true }),
      ],
      actions: [{ id: 'draw', name: 'draw', options: ['a', 'b', 'c'] }],
    };
    const player = indexPlayerGraph(graph);
    expect(
      playerStage(
        player,
        run(player, [OK], () => 0),
      )?.id,
    ).toBe('a');
    expect(
      playerStage(
        player,
        run(player, [OK], () => 0.5),
      )?.id,
    ).toBe('b');
    expect(
      playerStage(
        player,
        run(player, [OK], () => 0.999),
      )?.id,
    ).toBe('c');
  });

  it('should follow a loop again and again, playing the same stage anew, with a bounded path', () => {
    const graph: StoryGraph = {
      coverId: 'cover',
      stages: [
        stage('cover', { controls: MENU_CONTROLS, ok: { action: 'in', optionIndex: 0 } }),
        stage('song', { ok: { action: 'again', optionIndex: 0 } }),
      ],
      actions: [
        { id: 'in', name: 'in', options: ['song'] },
        { id: 'again', name: 'again', options: ['song'] },
      ],
    };
    const player = indexPlayerGraph(graph);
    const once = run(player, [OK, ENDED]);
    expect(once.stageId).toBe('song');
    expect(once.path).toEqual(['cover', 'song', 'song']);
    const many = run(player, [OK, ...Array.from({ length: PATH_LIMIT * 2 }, () => ENDED)]);
    expect(many.status).toBe('playing');
    expect(many.path).toHaveLength(PATH_LIMIT);
    expect(many.playCount).toBe(PATH_LIMIT * 2 + 2);
  });

  it('should follow a HOME transition back to a menu, and end on OK at an end stage without autoplay', () => {
    const graph: StoryGraph = {
      coverId: 'cover',
      stages: [
        stage('cover', { controls: MENU_CONTROLS, ok: { action: 'menu', optionIndex: 1 } }),
        stage('one', { controls: MENU_CONTROLS, ok: { action: 'tale', optionIndex: 0 } }),
        stage('two', { controls: MENU_CONTROLS, ok: { action: 'tale', optionIndex: 0 } }),
        stage('tale', { home: { action: 'menu', optionIndex: 0 } }),
        stage('last', { controls: { ...MENU_CONTROLS, wheel: false }, end: true }),
      ],
      actions: [
        { id: 'menu', name: 'menu', options: ['one', 'two'] },
        { id: 'tale', name: 'tale', options: ['tale'] },
      ],
    };
    const player = indexPlayerGraph(graph);
    // The cover preselects option 2 of the menu.
    const preselected = run(player, [OK]);
    expect(preselected.stageId).toBe('two');
    expect(wheelPosition(player, preselected)).toEqual({ index: 1, size: 2 });
    const back = run(player, [OK, OK, { type: 'home' }]);
    expect(back.stageId).toBe('one');
    expect(back.path).toEqual(['cover', 'two', 'tale', 'one']);

    const endGraph: StoryGraph = { ...graph, coverId: 'last' };
    const endPlayer = indexPlayerGraph(endGraph);
    expect(run(endPlayer, [ENDED]).status).toBe('playing');
    expect(run(endPlayer, [OK]).status).toBe('ended');
  });

  it('should stop on a broken transition and name the node, instead of throwing', () => {
    const graph: StoryGraph = {
      coverId: 'cover',
      stages: [
        stage('cover', { controls: MENU_CONTROLS, ok: { action: 'gone', optionIndex: 0 } }),
        stage('far', { ok: { action: 'short', optionIndex: 3 } }),
      ],
      actions: [{ id: 'short', name: 'short', options: ['far'] }],
    };
    const player = indexPlayerGraph(graph);
    const state = run(player, [OK]);
    expect(state.status).toBe('broken');
    expect(state.problem).toEqual({ kind: 'missing-action', nodeId: 'cover', actionId: 'gone' });
    const fromFar = run(indexPlayerGraph({ ...graph, coverId: 'far' }), [ENDED]);
    expect(fromFar.problem).toEqual({ kind: 'bad-option', nodeId: 'far', optionIndex: 3, size: 1 });
    expect(startPlayer(indexPlayerGraph({ ...graph, coverId: 'nowhere' })).problem).toEqual({
      kind: 'missing-stage',
      nodeId: 'nowhere',
      stageId: 'nowhere',
    });
  });
});
