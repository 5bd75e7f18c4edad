import { describe, expect, it } from 'vitest';

import { validateGraph } from '../../../../../device-bridge/pack/graph-validation';
import { storyGraphSchema, type StoryGraph } from '../../../../../device-bridge/pack/story-graph';
import { graphFromOutline } from '../../../../../device-bridge/pack/story-outline';
import { diagramOf, nextOf } from './graph-diagram';
import {
  addChoice,
  addOption,
  addStage,
  connect,
  deleteNode,
  disconnect,
  GraphEditError,
  move,
  moveOption,
  removeOption,
  rename,
  setControl,
  setEnd,
  setHome,
} from './graph-edits';

/** A small branching story written the way the examples are: cover → intro → question → two paths. */
function branching(): StoryGraph {
  return graphFromOutline(
    [
      { id: 'cover', name: 'Cover', kind: 'cover', text: 'Title.', next: ['intro'] },
      { id: 'intro', name: 'Intro', kind: 'story', text: 'Once.', next: ['question'] },
      {
        id: 'question',
        name: 'Which way?',
        kind: 'menu.questionstage',
        text: 'Pick.',
        next: ['wood', 'river'],
      },
      { id: 'wood', name: 'Wood', kind: 'story', text: 'Trees.', next: [] },
      { id: 'river', name: 'River', kind: 'story', text: 'Water.', next: [] },
    ],
    (stage) => `after-${stage.id}`,
  );
}

const codes = (graph: StoryGraph, nodeId: string): string[] =>
  validateGraph(graph)
    .filter((issue) => issue.nodeId === nodeId)
    .map((issue) => issue.code);

/** Every graph an edit returns must pass the schema the core saves with. */
const valid = (graph: StoryGraph): StoryGraph => storyGraphSchema.parse(graph);

describe('graph edits', () => {
  it('starts from a story with no problem', () => {
    expect(validateGraph(branching())).toEqual([]);
  });

  it('adds a stage that the validator reports unreached and leading nowhere, then fixes it', () => {
    const before = branching();
    let graph = valid(addStage(before, 'new', 'Cave', { x: 10.4, y: 20.6 }));
    expect(before.stages).toHaveLength(5);
    expect(graph.stages.find((stage) => stage.id === 'new')?.position).toEqual({ x: 10, y: 21 });
    expect(codes(graph, 'new').sort()).toEqual(['dead-end', 'unreachable']);

    graph = valid(addOption(graph, 'after-question', 'new'));
    expect(codes(graph, 'new')).toEqual(['dead-end']);
    graph = valid(setEnd(graph, 'new', true));
    expect(validateGraph(graph)).toEqual([]);
  });

  it('connects a stage to another stage by reusing its own link, and to a choice directly', () => {
    let graph = valid(connect(branching(), 'intro', 'river', 'unused'));
    expect(graph.actions.find((action) => action.id === 'unused')).toBeUndefined();
    expect(nextOf(diagramOf(graph), 'intro')).toBe('river');
    expect(graph.actions.find((action) => action.id === 'after-intro')?.options).toEqual(['river']);

    graph = valid(addChoice(graph, 'menu', 'Where now?', { x: 0, y: 0 }));
    graph = valid(connect(graph, 'wood', 'menu', 'unused'));
    const wood = graph.stages.find((stage) => stage.id === 'wood')!;
    expect(wood.ok).toEqual({ action: 'menu', optionIndex: 0 });
    expect(wood.end).toBe(false);
  });

  it('creates a new link when the stage had none, and drops a link nothing uses any more', () => {
    let graph = valid(connect(branching(), 'wood', 'river', 'link-wood'));
    expect(graph.actions.find((action) => action.id === 'link-wood')).toMatchObject({
      options: ['river'],
      kind: 'action',
    });
    expect(nextOf(diagramOf(graph), 'wood')).toBe('river');
    graph = valid(disconnect(graph, 'wood'));
    expect(graph.actions.find((action) => action.id === 'link-wood')).toBeUndefined();
    expect(codes(graph, 'wood')).toEqual(['dead-end']);
  });

  it('marking an end clears the next step, as the schema rule asks', () => {
    const graph = valid(setEnd(branching(), 'intro', true));
    const intro = graph.stages.find((stage) => stage.id === 'intro')!;
    expect(intro.ok).toBeNull();
    expect(graph.actions.some((action) => action.id === 'after-intro')).toBe(false);
    expect(codes(graph, 'question')).toEqual(['unreachable']);
  });

  it('sends HOME to a choice or a step, and back to the box menu, without touching OK or the end', () => {
    const before = branching();
    const wood = (graph: StoryGraph) => graph.stages.find((stage) => stage.id === 'wood')!;
    const toQuestion = valid(setHome(before, 'wood', 'after-question', 'home-link'));
    expect(wood(toQuestion).home).toEqual({ action: 'after-question', optionIndex: 0 });
    expect(toQuestion.actions.some((action) => action.id === 'home-link')).toBe(false); // a choice needs no link

    const toIntro = valid(setHome(toQuestion, 'wood', 'intro', 'home-link'));
    expect(wood(toIntro).home).toEqual({ action: 'home-link', optionIndex: 0 });
    expect(toIntro.actions.find((action) => action.id === 'home-link')?.options).toEqual(['intro']);
    expect(wood(toIntro).end).toBe(true);
    expect(wood(toIntro).ok).toEqual(wood(before).ok);

    const back = valid(setHome(toIntro, 'wood', null, 'unused'));
    expect(wood(back).home).toBeNull();
    expect(back.actions.some((action) => action.id === 'home-link')).toBe(false); // the link went with it
    expect(back).toEqual(before);
  });

  it('reorders a choice so the wheel offers the river first, and transitions still pick the same step', () => {
    let graph = branching();
    // Something that picks the river (option 2) directly: HOME from the wood page.
    graph = {
      ...graph,
      stages: graph.stages.map((s) =>
        s.id === 'wood' ? { ...s, home: { action: 'after-question', optionIndex: 1 } } : s,
      ),
    };
    const moved = valid(moveOption(graph, 'after-question', 1, 0));
    expect(moved.actions.find((action) => action.id === 'after-question')!.options).toEqual([
      'river',
      'wood',
    ]);
    const home = moved.stages.find((stage) => stage.id === 'wood')!.home!;
    expect(moved.actions.find((action) => action.id === home.action)!.options[home.optionIndex]).toBe(
      'river',
    );
    expect(codes(moved, 'wood')).toEqual([]);
    expect(() => moveOption(graph, 'after-question', 0, 2)).toThrow(GraphEditError);
  });

  it('turns one box button of one step on or off and leaves the rest alone', () => {
    const before = branching();
    const graph = valid(
      setControl(valid(setControl(before, 'intro', 'pause', false)), 'intro', 'wheel', true),
    );
    const intro = graph.stages.find((stage) => stage.id === 'intro')!;
    const was = before.stages.find((stage) => stage.id === 'intro')!.controls;
    expect(intro.controls).toEqual({ ...was, pause: false, wheel: true });
    expect(graph.stages.filter((stage) => stage.id !== 'intro')).toEqual(
      before.stages.filter((stage) => stage.id !== 'intro'),
    );
    expect(() => setControl(before, 'nowhere', 'ok', true)).toThrow(GraphEditError);
  });

  it('removes an option and keeps transitions pointing at a real option', () => {
    let graph = branching();
    graph = {
      ...graph,
      stages: graph.stages.map((s) =>
        s.id === 'intro' ? { ...s, home: { action: 'after-question', optionIndex: 1 } } : s,
      ),
    };
    graph = valid(removeOption(graph, 'after-question', 0));
    expect(graph.actions.find((action) => action.id === 'after-question')?.options).toEqual(['river']);
    expect(graph.stages.find((stage) => stage.id === 'intro')?.home).toEqual({
      action: 'after-question',
      optionIndex: 0,
    });
    expect(codes(graph, 'wood')).toEqual(['unreachable']);
    expect(() => removeOption(graph, 'after-question', 3)).toThrow(GraphEditError);
  });

  it('deletes a stage with every option and link that led to it', () => {
    const graph = valid(deleteNode(branching(), 'wood'));
    expect(graph.stages.map((stage) => stage.id)).not.toContain('wood');
    expect(graph.actions.find((action) => action.id === 'after-question')?.options).toEqual(['river']);
    expect(validateGraph(graph)).toEqual([]);

    const noIntro = valid(deleteNode(branching(), 'intro'));
    expect(noIntro.actions.some((action) => action.id === 'after-intro')).toBe(false);
    expect(noIntro.stages.find((stage) => stage.id === 'cover')?.ok).toBeNull();
    expect(codes(noIntro, 'cover')).toEqual(['dead-end']);
  });

  it('deletes a choice and clears the transitions into it', () => {
    let graph = valid(addChoice(branching(), 'menu', 'Menu', { x: 0, y: 0 }));
    graph = valid(connect(graph, 'river', 'menu', 'x'));
    graph = valid(deleteNode(graph, 'menu'));
    expect(graph.stages.find((stage) => stage.id === 'river')?.ok).toBeNull();
    expect(graph.actions.some((action) => action.id === 'menu')).toBe(false);
  });

  it('refuses what the schema or the story cannot take, with a reason', () => {
    const graph = branching();
    expect(() => deleteNode(graph, 'cover')).toThrow(/cover cannot be deleted/);
    expect(() => addStage(graph, 'intro', 'Again', { x: 0, y: 0 })).toThrow(/already used/);
    expect(() => addStage(graph, 'bad id', 'x', { x: 0, y: 0 })).toThrow(GraphEditError);
    expect(() => rename(graph, 'intro', 'x'.repeat(501))).toThrow(/at most 500/);
    expect(() => connect(graph, 'nope', 'intro', 'l')).toThrow(/no step nope/);
    expect(() => addOption(graph, 'after-question', 'nope')).toThrow(/no step nope/);
    expect(() => move(graph, 'intro', { x: Number.NaN, y: 0 })).toThrow(GraphEditError);
    const full = {
      ...graph,
      actions: graph.actions.map((a) =>
        a.id === 'after-question' ? { ...a, options: Array(1000).fill('wood') } : a,
      ),
    };
    expect(() => addOption(full, 'after-question', 'river')).toThrow(/at most 1000/);
  });

  it('renames and moves stages and choices without touching the graph given', () => {
    const before = branching();
    const graph = valid(move(rename(before, 'after-question', 'Paths'), 'wood', { x: 300.7, y: -4 }));
    expect(graph.actions.find((action) => action.id === 'after-question')?.name).toBe('Paths');
    expect(graph.stages.find((stage) => stage.id === 'wood')?.position).toEqual({ x: 301, y: -4 });
    expect(before.stages.find((stage) => stage.id === 'wood')?.position).toBeUndefined();
  });
});
