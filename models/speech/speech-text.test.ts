import { describe, expect, it } from 'vitest';

import { neutralizeForEspeak, splitClauses } from './speech-text';

describe('neutralizeForEspeak', () => {
  it('turns control characters into spaces and splits [[ so espeak-ng reads them as text', () => {
    expect(neutralizeForEspeak('a\u0001200S b\u0000c\u007fd')).toBe('a 200S b c d');
    expect(neutralizeForEspeak("[[h@l'oU]] [[[x")).toBe("[ [h@l'oU]] [ [ [x");
    expect(neutralizeForEspeak('Line one\nline two\ttab « ok » <b>&amp;</b> 🐉')).toBe(
      'Line one\nline two\ttab « ok » <b>&amp;</b> 🐉',
    );
  });
});

describe('splitClauses', () => {
  it('cuts at punctuation before a space, keeping what Piper appends and where sentences end', () => {
    expect(splitClauses('Bonjour, mon ami. Comment ça va ? Bien !  Et toi: oui; non')).toEqual([
      { text: 'Bonjour,', end: ',', endsSentence: false },
      { text: 'mon ami.', end: '.', endsSentence: true },
      { text: 'Comment ça va ?', end: '?', endsSentence: true },
      { text: 'Bien !', end: '!', endsSentence: true },
      { text: 'Et toi:', end: ':', endsSentence: false },
      { text: 'oui;', end: ';', endsSentence: false },
      { text: 'non', end: null, endsSentence: true },
    ]);
  });

  it('does not cut inside numbers or words, and reads closing quotes and ellipses', () => {
    expect(splitClauses('Il pèse 3.5 kg, 3,5 kg… « Viens ! » dit-il.').map((c) => [c.text, c.end])).toEqual([
      ['Il pèse 3.5 kg,', ','],
      ['3,5 kg…', '.'],
      ['« Viens !', '!'],
      ['» dit-il.', '.'],
    ]);
  });

  it('ends a sentence at a blank line, joins single line breaks, and leaves out clauses with nothing to say', () => {
    expect(splitClauses('Titre\n\nIl était\nune fois. ... — !')).toEqual([
      { text: 'Titre', end: null, endsSentence: true },
      { text: 'Il était une fois.', end: '.', endsSentence: true },
    ]);
    expect(splitClauses('   \n ')).toEqual([]);
  });

  it('cuts an over-long clause at spaces into lines espeak-ng reads whole', () => {
    const clause = `${'mot '.repeat(300)}fin.`;
    const clauses = splitClauses(clause, 100);
    expect(clauses.length).toBeGreaterThan(10);
    expect(clauses.every((c) => Buffer.byteLength(c.text) <= 100)).toBe(true);
    expect(clauses.map((c) => c.text).join(' ')).toBe(clause);
    expect(clauses.slice(0, -1).every((c) => c.end === null && !c.endsSentence)).toBe(true);
    expect(clauses.at(-1)).toMatchObject({ end: '.', endsSentence: true });
    const word = 'é'.repeat(120);
    expect(
      splitClauses(word, 100)
        .map((c) => c.text)
        .join(''),
    ).toBe(word);
  });
});
