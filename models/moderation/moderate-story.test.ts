import { describe, expect, it } from 'vitest';

import { MAX_FINDINGS } from './moderation-result';
import { moderateStory } from './moderate-story';
import { DICTATED_BY_A_CHILD_FR, FRENCH_TRAPS, LOUP_ET_GRAND_MERE_FR } from './moderation-test-stories';

describe('moderateStory', () => {
  it('should say which node each finding is in, and the title and summary apart', () => {
    const result = moderateStory(
      {
        title: 'Le chasseur tua le loup',
        summary: 'Une histoire de forêt, sans gros mots.',
        graph: {
          stages: [
            { id: 'cover', text: 'Bienvenue dans la forêt.' },
            { id: 'menu', text: null },
            { id: 'stage-2', text: LOUP_ET_GRAND_MERE_FR },
            { id: 'stage-3', text: 'Merde, dit le renard. Puis il appela le 06 12 34 56 78.' },
            { id: 'stage-4' },
          ],
        },
      },
      '4-6',
    );
    expect(result.status).toBe('flagged');
    expect(result.findings.map((f) => [f.field, f.nodeId, f.category, f.term])).toEqual([
      ['title', null, 'violence', 'tua'],
      ['text', 'stage-3', 'profanity', 'Merde'],
      ['text', 'stage-3', 'personal-data', '06 •• •• •• 78'],
    ]);
    expect(result.omitted).toBe(0);
  });

  it('should report offsets within the node text, so the editor can highlight them there', () => {
    const text = 'Au revoir. Le chasseur tua le loup.';
    const [finding] = moderateStory(
      { title: 'T', summary: '', graph: { stages: [{ id: 'n1', text }] } },
      '4-6',
    ).findings;
    expect(text.slice(finding!.start, finding!.end)).toBe('tua');
  });

  it('should pass a clean story at the strictest age', () => {
    const result = moderateStory(
      {
        title: 'Mamie Rose et le loup',
        summary: 'Le loup avale Mamie Rose, le bûcheron la sauve.',
        graph: {
          stages: [
            { id: 'a', text: LOUP_ET_GRAND_MERE_FR },
            { id: 'b', text: FRENCH_TRAPS },
          ],
        },
      },
      '0-3',
    );
    expect(result).toEqual({ status: 'ok', findings: [], omitted: 0 });
  });

  it("should use the story's language for every node, however short", () => {
    const story = (language?: string) => ({
      title: 'Le train',
      summary: '',
      language,
      graph: { stages: [{ id: 'late', text: 'Retard !' }] },
    });
    expect(moderateStory(story('fr'), '0-3').status).toBe('ok');
    expect(moderateStory(story('en'), '0-3').findings.map((f) => f.nodeId)).toEqual(['late']);
  });

  it("should guess a short node's language from the rest of the story", () => {
    const result = moderateStory(
      {
        title: 'Le train de Léon',
        summary: 'Léon prend le train avec sa maman, et il a peur de le rater.',
        graph: { stages: [{ id: 'late', text: 'Retard !' }] },
      },
      '0-3',
    );
    expect(result.status).toBe('ok');
  });

  it('should keep personal data masked in every node', () => {
    const result = moderateStory(
      { title: 'Mon doudou', summary: '', graph: { stages: [{ id: 'me', text: DICTATED_BY_A_CHILD_FR }] } },
      '7-9',
    );
    expect(result.findings.every((f) => f.nodeId === 'me' && f.category === 'personal-data')).toBe(true);
    expect(JSON.stringify(result)).not.toContain('Moreau');
  });

  it('should bound the findings of a huge story, the most severe kept', () => {
    const stages = Array.from({ length: 500 }, (_, index) => ({
      id: `n${index}`,
      text: 'A brawl. A brawl. A brawl.',
    }));
    stages.push({ id: 'last', text: 'Then a massacre.' });
    const result = moderateStory({ title: 'A long story', summary: '', graph: { stages } }, '4-6');
    expect(result.findings).toHaveLength(MAX_FINDINGS);
    expect(result.omitted).toBe(1501 - MAX_FINDINGS);
    expect(result.findings.some((f) => f.nodeId === 'last')).toBe(true);
  });

  it('should not throw on a malformed story from outside', () => {
    const broken = { title: 42, summary: null, graph: { stages: [{ id: 'x', text: 7 }] } } as never;
    expect(moderateStory(broken, '0-3').status).toBe('ok');
    expect(moderateStory({ title: '', summary: '', graph: null } as never, '0-3').status).toBe('ok');
  });
});
