import { describe, expect, it } from 'vitest';

import { validateGraph } from '../../device-bridge/pack/graph-validation';
import { chaptersDraftGraph, EmptyDraftError, storyDraftGraph } from './draft-to-graph';

describe('drafts as story graphs', () => {
  it('should make a linear draft a cover and its pages, in order, ending on the last', () => {
    const graph = storyDraftGraph(
      { title: 'Le petit escargot', summary: 's', pages: ['Un.', ' ', 'Deux.'] },
      'x',
    );
    expect(validateGraph(graph)).toEqual([]);
    expect(graph.stages.map((stage) => [stage.kind, stage.text, stage.end])).toEqual([
      ['cover', 'Le petit escargot', false],
      ['story', 'Un.', false],
      ['story', 'Deux.', true],
    ]);
  });

  it('should make a choice a question with one option stage per option, two levels deep, every path ending', () => {
    const graph = storyDraftGraph(
      {
        title: 'Lila',
        summary: '',
        pages: ['Au carrefour.'],
        choice: {
          question: 'Quel chemin ?',
          options: [
            { label: 'La forêt', pages: ['Les arbres.'] },
            {
              label: 'La rivière',
              pages: ['L’eau.'],
              choice: {
                question: 'Nager ?',
                options: [
                  { label: 'Oui', pages: ['Plouf.'] },
                  { label: 'Non', pages: [] },
                ],
              },
            },
          ],
        },
      },
      'x',
    );
    expect(validateGraph(graph)).toEqual([]);
    const kinds = graph.stages.map((stage) => stage.kind);
    expect(kinds.filter((kind) => kind === 'menu.questionstage')).toHaveLength(2);
    expect(
      graph.stages.filter((stage) => stage.kind === 'menu.optionstage').map((stage) => stage.text),
    ).toEqual(['La forêt', 'La rivière', 'Oui', 'Non']);
    const question = graph.stages.find((stage) => stage.text === 'Quel chemin ?')!;
    const action = graph.actions.find((candidate) => candidate.id === question.ok!.action)!;
    expect(action.kind).toBe('menu.questionaction');
    expect(action.options).toHaveLength(2);
    expect(graph.stages.filter((stage) => stage.end).map((stage) => stage.text)).toEqual([
      'Les arbres.',
      'Plouf.',
      'Non',
    ]);
  });

  it('should name an untitled draft, and refuse one with no page', () => {
    expect(storyDraftGraph({ title: ' ', summary: '', pages: ['Un.'] }, 'Histoire').stages[0]!.text).toBe(
      'Histoire',
    );
    expect(() => storyDraftGraph({ title: 'T', summary: '', pages: ['', ' '] }, 'x')).toThrow(
      EmptyDraftError,
    );
    expect(() =>
      chaptersDraftGraph({ title: 'T', summary: '', chapters: [{ title: 'a', text: ' ' }] }, 'x'),
    ).toThrow(EmptyDraftError);
  });

  it('should make chapters named pages', () => {
    const graph = chaptersDraftGraph(
      {
        title: 'Vacances',
        summary: '',
        chapters: [
          { title: 'La plage', text: 'Le sable.' },
          { title: '', text: 'Le soir.' },
        ],
      },
      'x',
    );
    expect(validateGraph(graph)).toEqual([]);
    expect(graph.stages.map((stage) => stage.name)).toEqual(['Vacances', 'La plage', 'Chapter 2']);
  });
});
