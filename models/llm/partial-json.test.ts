import { describe, expect, it } from 'vitest';

import { parsePartialJson } from './partial-json';

describe('parsePartialJson', () => {
  it('should read every prefix of a draft as it forms, never throwing, ending with the whole', () => {
    const whole = JSON.stringify({
      title: 'Le "petit" escargot',
      summary: 'Un escargot très courageux.\nFin.',
      pages: ['Il était une fois…', 'Il partit\\revint.'],
      choice: { question: 'Où ?', options: [{ label: 'La forêt', pages: ['Sous les arbres.'] }] },
    });
    let titleSeen = '';
    for (let end = 0; end <= whole.length; end += 1) {
      const value = parsePartialJson(whole.slice(0, end)) as { title?: string } | undefined;
      if (value?.title !== undefined) {
        // The title only grows as more text arrives.
        expect(value.title.startsWith(titleSeen.slice(0, -1))).toBe(true);
        titleSeen = value.title;
      }
    }
    expect(parsePartialJson(whole)).toEqual(JSON.parse(whole));
  });

  it('should close an open string and drop a key that has no value yet', () => {
    expect(parsePartialJson('{"title": "Le pet')).toEqual({ title: 'Le pet' });
    expect(parsePartialJson('{"title": "A", "summ')).toEqual({ title: 'A' });
    expect(parsePartialJson('{"title": "A", "summary"')).toEqual({ title: 'A' });
    expect(parsePartialJson('{"title": "A", "summary": ')).toEqual({ title: 'A' });
    expect(parsePartialJson('{"pages": ["one", "tw')).toEqual({ pages: ['one', 'tw'] });
    expect(parsePartialJson('{"pages": ["one",')).toEqual({ pages: ['one'] });
    expect(parsePartialJson('{"t": "a\\')).toEqual({ t: 'a' });
    expect(parsePartialJson('{"t": "a\\u00')).toEqual({ t: 'a' });
  });

  it('should give undefined when nothing is usable', () => {
    expect(parsePartialJson('')).toBeUndefined();
    expect(parsePartialJson('not json')).toBeUndefined();
  });
});
