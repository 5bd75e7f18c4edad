import { describe, expect, it } from 'vitest';

import { chunkText, splitSentences } from './text-chunking';

/** One token per whitespace-separated word: easy to reason about. */
const countWords = (text: string): number => text.split(/\s+/).filter((word) => word.length > 0).length;

describe('splitSentences', () => {
  it('cuts between sentences, in French and English, and drops empty ones', () => {
    expect(splitSentences('Il était une fois un renard. Il courut! Where did he go?  \n\n ')).toEqual([
      'Il était une fois un renard.',
      'Il courut!',
      'Where did he go?',
    ]);
    expect(splitSentences('   \n\t ')).toEqual([]);
  });
});

describe('chunkText', () => {
  it('keeps a text that fits as one chunk', () => {
    expect(chunkText('The fox ran. The bear slept.', 10, countWords)).toEqual([
      'The fox ran. The bear slept.',
    ]);
  });

  it('packs whole sentences into chunks within the budget, in order, losing no word', () => {
    const sentences = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} has six words.`);
    const text = sentences.join(' ');
    const chunks = chunkText(text, 20, countWords);
    expect(chunks.length).toBe(10); // three six-word sentences per chunk
    for (const chunk of chunks) expect(countWords(chunk)).toBeLessThanOrEqual(20);
    expect(chunks.join(' ')).toBe(text);
    expect(chunks[0]).toBe(sentences.slice(0, 3).join(' '));
  });

  it('cuts a sentence over the budget between words', () => {
    const sentence = Array.from({ length: 25 }, (_, i) => `w${i}`).join(' ') + '.';
    const chunks = chunkText(sentence, 10, countWords);
    expect(chunks.map(countWords)).toEqual([10, 10, 5]);
    expect(chunks.join(' ')).toBe(sentence);
  });

  it('halves a single word over the budget (junk) until it fits', () => {
    const countChars = (text: string): number => text.length;
    const chunks = chunkText('x'.repeat(1000), 64, countChars);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(64);
    expect(chunks.join('')).toBe('x'.repeat(1000));
  });

  it('gives no chunk for an empty or blank text, and refuses a bad budget', () => {
    expect(chunkText('', 10, countWords)).toEqual([]);
    expect(chunkText(' \n ', 10, countWords)).toEqual([]);
    expect(() => chunkText('text', 0, countWords)).toThrow(RangeError);
  });
});
