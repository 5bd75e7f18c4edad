import { describe, expect, it } from 'vitest';

import { validateGraph, type GraphIssueCode } from '../../../../device-bridge/pack/graph-validation';
import { graphFromOutline } from '../../../../device-bridge/pack/story-outline';
import { en } from '../strings';
import { fr } from '../strings-fr';
import { graphIssueText, inOwnWords } from './graph-issue-words';

// Why a record: a new code in the validator without words here fails the compile.
const EVERY_CODE: Record<GraphIssueCode, true> = {
  'missing-cover': true,
  'duplicate-id': true,
  'unknown-action': true,
  'option-out-of-range': true,
  'choice-without-target': true,
  'unknown-stage': true,
  unreachable: true,
  'dead-end': true,
  'end-with-next': true,
  'trap-cycle': true,
};

function storyWithProblems() {
  const graph = graphFromOutline(
    [
      { id: 'cover', name: 'La couverture', kind: 'cover', text: 'Titre.', next: ['wood'] },
      { id: 'wood', name: 'Dans les bois', kind: 'story', text: 'Il était une fois.', next: [] },
      { id: 'lost', name: 'La grotte', kind: 'story', text: 'Personne ne vient ici.', next: [] },
    ],
    (stage) => `after-${stage.id}`,
  );
  // The wood page leads nowhere; the cave cannot be reached.
  return {
    ...graph,
    stages: graph.stages.map((stage) => (stage.id === 'wood' ? { ...stage, end: false, ok: null } : stage)),
  };
}

describe('graph problems in the UI’s words', () => {
  it('has words for every problem the validator finds, in both languages', () => {
    for (const code of Object.keys(EVERY_CODE)) {
      expect(en.graphIssues, code).toHaveProperty([code]);
      expect(fr.graphIssues, code).toHaveProperty([code]);
    }
    expect(Object.keys(fr.graphIssues).sort()).toEqual(Object.keys(EVERY_CODE).sort());
  });

  it('names the step rather than its id, in French for a French page', () => {
    const graph = storyWithProblems();
    const issues = validateGraph(graph);
    const french = inOwnWords(issues, graph, fr.graphIssues);
    const wood = french.find((issue) => issue.nodeId === 'wood' && issue.code === 'dead-end');
    expect(wood?.message).toBe(
      '«\u202fDans les bois\u202f» ne mène nulle part\u00a0: donnez-lui une suite ou marquez-la comme une fin.',
    );
    const cave = french.find((issue) => issue.nodeId === 'lost' && issue.code === 'unreachable');
    expect(cave?.message).toContain('«\u202fLa grotte\u202f» est inaccessible');
    for (const issue of inOwnWords(issues, graph, en.graphIssues))
      expect(issue.message).not.toMatch(/\(lost\)|\(wood\)/);
  });

  it('keeps the validator’s words for a code it does not know, and the id for a node with no name', () => {
    const graph = storyWithProblems();
    expect(
      graphIssueText({ code: 'something-new', nodeId: 'wood', message: 'as the core said' }, graph),
    ).toBe('as the core said');
    expect(
      graphIssueText({ code: 'dead-end', nodeId: 'gone', message: '' }, graph, en.graphIssues),
    ).toContain('“gone”');
  });
});
