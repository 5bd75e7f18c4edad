import { afterEach, describe, expect, it } from 'vitest';

import { DEFAULT_DUPLICATE_THRESHOLD } from '../../../models/dedupe/duplicate-score';
import { TEST_STORIES } from '../../../models/dedupe/test-stories';
import { HashedEmbedder } from '../../../models/embed/hashed-embedder';
import type { TalemoCore } from '../talemo-core';
import { openIndexed, tempLibraryDir } from './test-library';

/** The built-in embedder, counting the texts it is asked to embed (the list must ask for none). */
class CountingEmbedder extends HashedEmbedder {
  embedded = 0;
  override embedOne(text: string): Float32Array {
    this.embedded += 1;
    return super.embedOne(text);
  }
}

let core: TalemoCore | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

const ids = (pairs: { a: { id: string }; b: { id: string } }[]): string[][] =>
  pairs.map(({ a, b }) => [a.id, b.id].sort());

describe('the library’s duplicate pairs', () => {
  it('should list a reworded copy with its original, agree with the guard, and embed nothing', async () => {
    const embedder = new CountingEmbedder();
    core = await openIndexed(tempLibraryDir(), embedder);
    const original = (await core.addText({ title: 'Ember', text: TEST_STORIES.dragonSchool })).story;
    await core.addText({ title: 'Bramble', text: TEST_STORIES.dragonMountains });
    const copy = (await core.addText({ title: 'Ember again', text: TEST_STORIES.dragonSchoolParaphrase }))
      .story;

    const before = embedder.embedded;
    const pairs = await core.duplicatePairs();
    expect(embedder.embedded).toBe(before);

    expect(ids(pairs)).toEqual([[original.id, copy.id].sort()]);
    const [pair] = pairs;
    expect([pair!.a.title, pair!.b.title].sort()).toEqual(['Ember', 'Ember again']);
    expect(pair!.a.id < pair!.b.id).toBe(true);
    // The guard, re-embedding the story, gives the very score the stored vectors give.
    const [guard] = await core.checkDuplicates({ storyId: copy.id });
    expect(guard?.id).toBe(original.id);
    expect(pair!.score).toBeCloseTo(guard!.score, 3);
    expect(pair!.score).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
  });

  it('should leave out overridden pairs, follow the threshold, and forget a deleted story', async () => {
    core = await openIndexed(tempLibraryDir());
    const a = (await core.addText({ title: 'Ember', text: TEST_STORIES.dragonSchool })).story;
    const b = (await core.addText({ title: 'Ember again', text: TEST_STORIES.dragonSchoolParaphrase })).story;
    const c = (await core.addText({ title: 'Ember thrice', text: TEST_STORIES.dragonSchool })).story;
    const all = await core.duplicatePairs();
    expect(ids(all)).toHaveLength(3);
    // The same text under two titles scores highest and comes first.
    expect(ids(all)[0]).toEqual([a.id, c.id].sort());
    expect(all[0]!.score).toBeGreaterThan(all[1]!.score);

    core.overrideDuplicate(b.id, a.id, 'A retelling for the older class');
    expect(ids(await core.duplicatePairs())).toEqual(expect.not.arrayContaining([[a.id, b.id].sort()]));
    expect(ids(await core.duplicatePairs())).toHaveLength(2);

    core.setDuplicateThreshold((all[0]!.score + all[1]!.score) / 2);
    expect(ids(await core.duplicatePairs())).toEqual([[a.id, c.id].sort()]);

    core.delete(c.id, c.version);
    expect(await core.duplicatePairs()).toEqual([]);
  });

  it('should flag nothing in a library of different stories', async () => {
    core = await openIndexed(tempLibraryDir());
    await core.addText({ title: 'Moon', text: TEST_STORIES.moonBalloon });
    await core.addText({ title: 'Bramble', text: TEST_STORIES.dragonMountains });
    expect(await core.duplicatePairs()).toEqual([]);
  });
});
