import { describe, expect, it } from 'vitest';

import { parseStorySources } from './story-sources';

const SOURCE = `=== theme moon
--- story rocket
renames: Pip -> Bo; Dot -> Fern

Pip built a rocket.
It was   silver.

Dot laughed.
--- paraphrase

Pip made a silver rocket. Dot laughed.
--- story balloon
renames: Rosa -> Ines

Rosa flew to the moon.
`;

describe('parseStorySources', () => {
  it('reads themes, stories, paraphrases and renames, tidying whitespace', () => {
    expect(parseStorySources(SOURCE, 'en')).toEqual([
      {
        id: 'moon',
        language: 'en',
        stories: [
          {
            id: 'rocket',
            text: 'Pip built a rocket. It was silver.\n\nDot laughed.',
            paraphrase: 'Pip made a silver rocket. Dot laughed.',
            renames: [
              ['Pip', 'Bo'],
              ['Dot', 'Fern'],
            ],
          },
          { id: 'balloon', text: 'Rosa flew to the moon.', paraphrase: null, renames: [['Rosa', 'Ines']] },
        ],
      },
    ]);
  });

  it('refuses a theme without two stories, a first story without paraphrase, or a bad rename', () => {
    expect(() => parseStorySources('=== theme t\n--- story a\nrenames: A -> B\n\nA.\n', 'en')).toThrow(
      'exactly two stories',
    );
    expect(() => parseStorySources(SOURCE.replace(/--- paraphrase[\s\S]*?(?=--- story)/, ''), 'en')).toThrow(
      'needs a paraphrase',
    );
    expect(() => parseStorySources(SOURCE.replace('Pip -> Bo', 'Pip Bo'), 'en')).toThrow('bad rename');
  });
});
