import { describe, expect, it } from 'vitest';

import { validateGraph } from './graph-validation';
import { MENU_CONTROLS, STORY_CONTROLS, type StageNode, type StoryGraph } from './story-graph';

function stage(id: string, next: string | null, extra: Partial<StageNode> = {}): StageNode {
  return {
    id,
    name: id,
    text: `text of ${id}`,
    image: null,
    audio: null,
    controls: STORY_CONTROLS,
    ok: next ? { action: next, optionIndex: 0 } : null,
    home: null,
    end: next === null,
    ...extra,
  };
}

/** cover → a → question → (left | right), both ends. */
function branching(): StoryGraph {
  return {
    coverId: 'cover',
    stages: [
      stage('cover', 'go-a', { controls: MENU_CONTROLS }),
      stage('a', 'go-question'),
      stage('question', 'choice'),
      stage('left', null),
      stage('right', null),
    ],
    actions: [
      { id: 'go-a', name: 'start', options: ['a'] },
      { id: 'go-question', name: 'ask', options: ['question'] },
      { id: 'choice', name: 'which way', options: ['left', 'right'] },
    ],
  };
}

describe('validateGraph', () => {
  it('should accept a well-formed branching story', () => {
    expect(validateGraph(branching())).toEqual([]);
  });

  it('should accept a linear story with a single path', () => {
    const graph: StoryGraph = {
      coverId: 'cover',
      stages: [stage('cover', 'n'), stage('page', null)],
      actions: [{ id: 'n', name: '', options: ['page'] }],
    };
    expect(validateGraph(graph)).toEqual([]);
  });

  it('should report a missing cover', () => {
    const graph = { ...branching(), coverId: 'nowhere' };
    expect(validateGraph(graph)).toContainEqual(
      expect.objectContaining({ code: 'missing-cover', nodeId: 'nowhere' }),
    );
  });

  it('should locate an unreachable node', () => {
    const graph = branching();
    graph.stages.push(stage('lost', null));
    expect(validateGraph(graph)).toEqual([
      expect.objectContaining({
        code: 'unreachable',
        nodeId: 'lost',
        message: expect.stringContaining('lost'),
      }),
    ]);
  });

  it('should report a dead end that is not marked as an end', () => {
    const graph = branching();
    graph.stages[3] = { ...graph.stages[3]!, end: false };
    expect(validateGraph(graph)).toEqual([expect.objectContaining({ code: 'dead-end', nodeId: 'left' })]);
  });

  it('should report an end that still goes on', () => {
    const graph = branching();
    graph.stages[1] = { ...graph.stages[1]!, end: true };
    expect(validateGraph(graph)).toEqual([expect.objectContaining({ code: 'end-with-next', nodeId: 'a' })]);
  });

  it('should report a choice without a target and an option to a missing stage', () => {
    const graph = branching();
    graph.actions[2] = { id: 'choice', name: 'which way', options: [] };
    graph.actions.push({ id: 'ghost', name: 'ghost', options: ['missing'] });
    graph.stages[2] = { ...graph.stages[2]! };
    const codes = validateGraph(graph).map((issue) => `${issue.code}@${issue.nodeId}`);
    expect(codes).toContain('choice-without-target@choice');
    expect(codes).toContain('unknown-stage@ghost');
  });

  it('should report a transition to a missing action and an option index out of range', () => {
    const graph = branching();
    graph.stages[0] = { ...graph.stages[0]!, ok: { action: 'nope', optionIndex: 0 } };
    graph.stages[2] = { ...graph.stages[2]!, ok: { action: 'choice', optionIndex: 5 } };
    const codes = validateGraph(graph).map((issue) => `${issue.code}@${issue.nodeId}`);
    expect(codes).toContain('unknown-action@cover');
    expect(codes).toContain('option-out-of-range@question');
  });

  it('should report duplicate ids', () => {
    const graph = branching();
    graph.actions.push({ id: 'a', name: 'clash', options: ['left'] });
    expect(validateGraph(graph).map((issue) => issue.code)).toContain('duplicate-id');
  });

  it('should report a loop that traps the child with no way home, naming its nodes', () => {
    const graph = branching();
    // left ↔ right loop forever, and HOME is disabled on both.
    const noHome = { ...STORY_CONTROLS, home: false };
    graph.stages[3] = { ...stage('left', 'to-right'), controls: noHome };
    graph.stages[4] = { ...stage('right', 'to-left'), controls: noHome };
    graph.actions.push(
      { id: 'to-right', name: '', options: ['right'] },
      { id: 'to-left', name: '', options: ['left'] },
    );
    graph.stages = graph.stages.map((s) => ({ ...s, controls: { ...s.controls, home: false } }));
    const traps = validateGraph(graph).filter((issue) => issue.code === 'trap-cycle');
    expect(traps).toHaveLength(1);
    expect(traps[0]!.message).toMatch(/left/);
    expect(traps[0]!.message).toMatch(/right/);
  });

  it('should accept a loop when HOME leads out of it', () => {
    const graph = branching();
    graph.stages[3] = stage('left', 'to-right');
    graph.stages[4] = stage('right', 'to-left');
    graph.actions.push(
      { id: 'to-right', name: '', options: ['right'] },
      { id: 'to-left', name: '', options: ['left'] },
    );
    expect(validateGraph(graph)).toEqual([]);
  });

  it('should handle a 5,000-node chain without overflowing the stack', () => {
    const stages: StageNode[] = [];
    const actions = [];
    for (let i = 0; i < 5000; i += 1) {
      const last = i === 4999;
      stages.push(stage(`s${i}`, last ? null : `a${i}`, { controls: { ...STORY_CONTROLS, home: false } }));
      if (!last) actions.push({ id: `a${i}`, name: '', options: [`s${i + 1}`] });
    }
    expect(validateGraph({ coverId: 's0', stages, actions })).toEqual([]);
  });
});
