import { afterEach, describe, expect, it } from 'vitest';

import { TEST_STORIES } from '../../../models/dedupe/test-stories';
import type { TalemoCore } from '../talemo-core';
import { RRF_K } from './reciprocal-rank-fusion';
import { openIndexed, tempLibraryDir } from './test-library';

let core: TalemoCore | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

const TURTLE =
  'Tico was a brave little turtle who wanted to see the sea. The little turtle walked all night over the sand, brave and slow.';
const MISSPELT =
  'Tico, a brav litle turtel, wanted to see the sea. The litle turtel walked all night over the sand, brav and slow.';

async function turtleLibrary(): Promise<{
  core: TalemoCore;
  turtle: string;
  misspelt: string;
  balloon: string;
}> {
  core = await openIndexed(tempLibraryDir());
  const turtle = (await core.addText({ title: 'The brave little turtle', text: TURTLE, language: 'fr' }))
    .story.id;
  const misspelt = (await core.addText({ title: 'Tico by the sea', text: MISSPELT, language: 'en' })).story
    .id;
  const balloon = (await core.addText({ title: 'Rosa', text: TEST_STORIES.moonBalloon, language: 'en' }))
    .story.id;
  return { core, turtle, misspelt, balloon };
}

describe('hybrid search', () => {
  it('should find a story by meaning when no word of the query is in it (a misspelling)', async () => {
    const { core, balloon } = await turtleLibrary();
    expect(core.library.stories.search('baloon')).toEqual([]); // no keyword hit
    const hits = await core.search('baloon');
    expect(hits.map((hit) => hit.story.id)).toEqual([balloon]);
    // A story found by meaning only gets the start of its text, with no [highlight].
    expect(hits[0]!.snippet).toMatch(/^Every evening Rosa/);
    expect(hits[0]!.snippet).not.toMatch(/\[/);
  });

  it('should rank a story found by keywords and by meaning above one found by meaning only', async () => {
    const { core, turtle, misspelt } = await turtleLibrary();
    const hits = await core.search('brav turtel');
    expect(hits.map((hit) => hit.story.id)).toEqual([misspelt, turtle]);
    expect(hits[0]!.score).toBeCloseTo(2 / (RRF_K + 1)); // first in both lists
    expect(hits[1]!.score).toBeCloseTo(1 / (RRF_K + 2)); // second by meaning, no keyword
    expect(hits[0]!.snippet).toMatch(/\[brav\]/); // keyword hits keep their snippet
  });

  it('should apply the library filters to the vector side too', async () => {
    const { core, turtle, misspelt } = await turtleLibrary();
    expect((await core.search('brav turtel', { language: 'en' })).map((hit) => hit.story.id)).toEqual([
      misspelt,
    ]);
    expect((await core.search('brav turtel', { language: 'fr' })).map((hit) => hit.story.id)).toEqual([
      turtle,
    ]);
    expect(await core.search('brav turtel', { language: 'fr', ageRange: '10-12' })).toEqual([]);
    expect(await core.search('brav turtel', { tags: ['nope'] })).toEqual([]);
    expect(
      (await core.search('brav turtel', { language: 'fr', maxDurationSec: 3600 })).map((hit) => hit.story.id),
    ).toEqual([turtle]);
  });

  it('should keep the plain keyword results of the examples', async () => {
    core = await openIndexed(tempLibraryDir());
    expect((await core.search('moth')).map((hit) => hit.story.title)).toEqual(['Pip and the Lantern Moth']);
    expect(await core.search('moth', { language: 'fr' })).toEqual([]);
    expect(await core.search('zzzz qqqq')).toEqual([]);
  });
});
