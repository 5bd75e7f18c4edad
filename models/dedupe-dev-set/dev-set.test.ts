import { describe, expect, it } from 'vitest';

import { buildDedupePairs } from './build-pairs';
import { DEDUPE_PAIR_KINDS } from './dedupe-pair';
import { loadDedupeDevSet } from './dev-set';
import { loadStorySources } from './story-sources';

const pairs = loadDedupeDevSet();
const themes = loadStorySources();

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

describe('the duplicate development set', () => {
  it('is what the sources build (run write-pairs.ts after editing a story)', () => {
    expect(pairs).toEqual(buildDedupePairs(themes));
  });

  it('has at least 40 base stories of 120–300 words, in French and English', () => {
    const stories = themes.flatMap((theme) =>
      theme.stories.map((story) => ({ ...story, language: theme.language })),
    );
    expect(stories.length).toBeGreaterThanOrEqual(40);
    expect(stories.filter((story) => story.language === 'fr').length).toBeGreaterThanOrEqual(20);
    expect(stories.filter((story) => story.language === 'en').length).toBeGreaterThanOrEqual(20);
    for (const story of stories) {
      expect(wordCount(story.text), story.id).toBeGreaterThanOrEqual(120);
      expect(wordCount(story.text), story.id).toBeLessThanOrEqual(300);
    }
    expect(new Set(stories.map((story) => story.id)).size).toBe(stories.length);
  });

  it('has at least 120 pairs with unique ids, every kind in both languages and both splits', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(120);
    expect(new Set(pairs.map((pair) => pair.id)).size).toBe(pairs.length);
    for (const split of ['dev', 'test'] as const) {
      for (const language of ['fr', 'en'] as const) {
        for (const kind of DEDUPE_PAIR_KINDS) {
          const count = pairs.filter(
            (p) => p.split === split && p.language === language && p.kind === kind,
          ).length;
          expect(count, `${split} ${language} ${kind}`).toBeGreaterThanOrEqual(5);
        }
      }
    }
  });

  it('labels copies as duplicates and different stories as not, with plenty of hard negatives', () => {
    for (const pair of pairs) {
      expect(pair.duplicate, pair.id).toBe(!pair.kind.startsWith('distinct'));
      expect(pair.a, pair.id).not.toBe(pair.b);
    }
    const hard = pairs.filter((pair) => pair.kind === 'distinct-same-theme');
    expect(hard.length).toBeGreaterThanOrEqual(40);
  });

  it('splits by theme, so no story is on both sides', () => {
    const themesOf = (split: string): Set<string> =>
      new Set(pairs.filter((pair) => pair.split === split).map((pair) => pair.theme));
    const dev = themesOf('dev');
    for (const theme of themesOf('test')) expect(dev.has(theme)).toBe(false);
    const textsOf = (split: string): Set<string> =>
      new Set(pairs.filter((pair) => pair.split === split).flatMap((pair) => [pair.a, pair.b]));
    const devTexts = textsOf('dev');
    for (const text of textsOf('test')) expect(devTexts.has(text)).toBe(false);
  });
});
