import { describe, expect, it } from 'vitest';

import { validateGraph } from '../../../../../device-bridge/pack/graph-validation';
import type { StoryGraph } from '../../../../../device-bridge/pack/story-graph';
import { graphFromOutline } from '../../../../../device-bridge/pack/story-outline';
import { diagramOf, placeIssues } from './graph-diagram';
import { disconnect } from './graph-edits';
import { freeSpot, layoutDiagram, STAGE_SIZE } from './graph-layout';

function branching(): StoryGraph {
  return graphFromOutline(
    [
      { id: 'cover', name: 'Cover', kind: 'cover', text: 'Title.', next: ['question'] },
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

describe('graph diagram', () => {
  it('draws links as arrows between stages and choices as boxes with one arrow per option', () => {
    const diagram = diagramOf(branching());
    expect(diagram.nodes.map((node) => `${node.type}:${node.id}`)).toEqual([
      'stage:cover',
      'stage:question',
      'stage:wood',
      'stage:river',
      'choice:after-question',
    ]);
    expect(diagram.edges.map((edge) => `${edge.from}-${edge.kind}->${edge.to}`)).toEqual([
      'cover-next->question',
      'question-next->after-question',
      'after-question-option->wood',
      'after-question-option->river',
    ]);
  });

  it('shows an issue on a link on the stage that uses it, and others apart', () => {
    const diagram = diagramOf(branching());
    const placed = placeIssues(diagram, [
      { code: 'unknown-stage', nodeId: 'after-cover', message: 'a' },
      { code: 'dead-end', nodeId: 'wood', message: 'b' },
      { code: 'missing-cover', nodeId: 'gone', message: 'c' },
    ]);
    expect(placed.byNode.get('cover')?.map((issue) => issue.message)).toEqual(['a']);
    expect(placed.byNode.get('wood')?.map((issue) => issue.message)).toEqual(['b']);
    expect(placed.elsewhere.map((issue) => issue.message)).toEqual(['c']);
  });
});

describe('graph layout', () => {
  it('lays nodes out in columns by distance from the cover, unreached ones last', () => {
    const graph = disconnect(branching(), 'cover');
    expect(validateGraph(graph).map((issue) => issue.code)).toContain('unreachable');
    const boxes = layoutDiagram(diagramOf(branching()), 'cover');
    const x = (id: string) => boxes.get(id)!.x;
    expect(x('cover')).toBeLessThan(x('question'));
    expect(x('question')).toBeLessThan(x('after-question'));
    expect(x('wood')).toBe(x('river'));
    expect(boxes.get('wood')!.y + STAGE_SIZE.height).toBeLessThanOrEqual(boxes.get('river')!.y);

    const cut = layoutDiagram(diagramOf(graph), 'cover');
    expect(cut.get('question')!.x).toBeGreaterThan(cut.get('cover')!.x);
    expect(cut.get('question')!.x).toBe(cut.get('wood')!.x);
  });

  it('keeps a node where the parent put it', () => {
    const graph = branching();
    const placed = {
      ...graph,
      stages: graph.stages.map((s) => (s.id === 'wood' ? { ...s, position: { x: 900, y: 5 } } : s)),
    };
    expect(layoutDiagram(diagramOf(placed), 'cover').get('wood')).toMatchObject({ x: 900, y: 5 });
  });
});

describe('free spot for a new box', () => {
  it('keeps the wanted place when it is free, and moves off a box that is there', () => {
    const boxes = layoutDiagram(diagramOf(branching()), 'cover');
    const far = { x: 5000, y: 5000 };
    expect(freeSpot(boxes, far, STAGE_SIZE)).toEqual(far);
    const onCover = boxes.get('cover')!;
    const spot = freeSpot(boxes, onCover, STAGE_SIZE);
    for (const box of boxes.values()) {
      const overlaps =
        spot.x < box.x + box.width &&
        box.x < spot.x + STAGE_SIZE.width &&
        spot.y < box.y + box.height &&
        box.y < spot.y + STAGE_SIZE.height;
      expect(overlaps).toBe(false);
    }
  });
});
