/**
 * Builds the labelled pairs of the development set from the hand-written stories. For each
 * theme, with its two stories A (which has a hand-written paraphrase) and B:
 *
 * | kind                | a           | b                         | duplicate |
 * |---------------------|-------------|---------------------------|-----------|
 * | paraphrase          | A           | A's paraphrase            | yes       |
 * | renamed             | S           | S, characters renamed     | yes       |
 * | trimmed             | S           | S, every 3rd sentence cut | yes       |
 * | excerpt             | S           | half of S, in one run     | yes       |
 * | reordered           | T           | T, shuffled               | yes       |
 * | distinct-same-theme | A           | B                         | no        |
 * | distinct-same-theme | A's paraph. | B                         | no        |
 * | distinct            | A           | B of the next theme       | no        |
 *
 * where S is B for the 1st, 2nd, 5th, 6th… theme of a split and A for the others, and T the
 * other one. Themes alternate between the dev and test splits within each language; the
 * "next theme" is the next one of the same language and split.
 */
import type { DedupePair } from './dedupe-pair';
import type { SourceTheme } from './story-sources';
import { excerptStory, renameCharacters, reorderStory, trimStory } from './story-variants';

type Split = DedupePair['split'];

export function buildDedupePairs(themes: readonly SourceTheme[]): DedupePair[] {
  const placed = themes.map((theme) => {
    const rank = themes.filter((t) => t.language === theme.language).indexOf(theme);
    const split: Split = rank % 2 === 0 ? 'dev' : 'test';
    return { theme, split, rankInSplit: Math.floor(rank / 2) };
  });
  const pairs: DedupePair[] = [];
  for (const { theme, split, rankInSplit } of placed) {
    const [storyA, storyB] = theme.stories;
    const paraphrase = storyA.paraphrase;
    if (paraphrase === null) throw new Error(`story ${storyA.id}: no paraphrase`);
    const [copied, reordered] = Math.floor(rankInSplit / 2) % 2 === 0 ? [storyB, storyA] : [storyA, storyB];
    const sameSplit = placed.filter((p) => p.theme.language === theme.language && p.split === split);
    const next = sameSplit[(sameSplit.findIndex((p) => p.theme === theme) + 1) % sameSplit.length]!.theme;
    const pair = (
      id: string,
      kind: DedupePair['kind'],
      a: string,
      b: string,
      duplicate: boolean,
    ): DedupePair => ({ id, theme: theme.id, split, language: theme.language, kind, duplicate, a, b });
    pairs.push(
      pair(`${storyA.id}/paraphrase`, 'paraphrase', storyA.text, paraphrase, true),
      pair(
        `${copied.id}/renamed`,
        'renamed',
        copied.text,
        renameCharacters(copied.text, copied.renames),
        true,
      ),
      pair(`${copied.id}/trimmed`, 'trimmed', copied.text, trimStory(copied.text), true),
      pair(`${copied.id}/excerpt`, 'excerpt', copied.text, excerptStory(copied.text), true),
      pair(
        `${reordered.id}/reordered`,
        'reordered',
        reordered.text,
        reorderStory(reordered.text, reordered.id),
        true,
      ),
      pair(
        `${storyA.id}/distinct-same-theme/${storyB.id}`,
        'distinct-same-theme',
        storyA.text,
        storyB.text,
        false,
      ),
      pair(
        `${storyA.id}/paraphrase/distinct-same-theme/${storyB.id}`,
        'distinct-same-theme',
        paraphrase,
        storyB.text,
        false,
      ),
      pair(
        `${storyA.id}/distinct/${next.stories[1].id}`,
        'distinct',
        storyA.text,
        next.stories[1].text,
        false,
      ),
    );
  }
  return pairs;
}
