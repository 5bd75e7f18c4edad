import { afterEach, describe, expect, it } from 'vitest';

import { DEFAULT_DUPLICATE_THRESHOLD } from '../../../models/dedupe/duplicate-score';
import { TEST_STORIES } from '../../../models/dedupe/test-stories';
import type { TalemoCore } from '../talemo-core';
import { openIndexed, tempLibraryDir } from './test-library';

let core: TalemoCore | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

describe('the duplicate guard in the core', () => {
  it('should flag a reworded copy on add (never blocking), with passages, and not a story on the same theme', async () => {
    core = await openIndexed(tempLibraryDir());
    const original = await core.addText({ title: 'Ember', text: TEST_STORIES.dragonSchool, language: 'en' });
    expect(original.duplicates).toEqual([]);
    const sameTheme = await core.addText({ title: 'Bramble', text: TEST_STORIES.dragonMountains });
    expect(sameTheme.duplicates).toEqual([]);

    const copy = await core.addText({ title: 'Ember again', text: TEST_STORIES.dragonSchoolParaphrase });
    expect(core.library.stories.count()).toBe(5); // added all the same
    expect(copy.duplicates.map((match) => [match.id, match.title])).toEqual([[original.story.id, 'Ember']]);
    expect(copy.duplicates[0]!.score).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
    expect(copy.duplicates[0]!.passages[0]!.otherText.length).toBeGreaterThan(0);

    const byText = await core.checkDuplicates({ text: TEST_STORIES.dragonSchoolParaphrase });
    expect(byText.map((match) => match.id)).toEqual(
      expect.arrayContaining([original.story.id, copy.story.id]),
    );
  });

  it('should never flag a pair a parent overrode, across restarts, and keep the threshold setting', async () => {
    const dir = tempLibraryDir();
    core = await openIndexed(dir);
    expect(core.duplicateThreshold()).toBe(DEFAULT_DUPLICATE_THRESHOLD);
    const a = (await core.addText({ title: 'Ember', text: TEST_STORIES.dragonSchool })).story.id;
    const b = (await core.addText({ title: 'Ember again', text: TEST_STORIES.dragonSchoolParaphrase })).story
      .id;
    expect((await core.checkDuplicates({ storyId: b })).map((match) => match.id)).toEqual([a]);

    const decision = core.overrideDuplicate(b, a, 'A retelling for the older class');
    expect([decision.storyA, decision.storyB]).toEqual([a, b].sort());
    core.setDuplicateThreshold(0.3);
    core.close();

    core = await openIndexed(dir);
    expect(await core.checkDuplicates({ storyId: a })).toEqual([]);
    expect(await core.checkDuplicates({ storyId: b })).toEqual([]);
    expect(core.overrides.list()).toMatchObject([{ reason: 'A retelling for the older class' }]);
    expect(core.duplicateThreshold()).toBe(0.3);
    // A text that is not yet a story has no overrides: both are flagged.
    expect(await core.checkDuplicates({ text: TEST_STORIES.dragonSchool })).toHaveLength(2);
  });

  it('should handle a language it has no stop words for (Japanese) like any other', async () => {
    core = await openIndexed(tempLibraryDir());
    const fox =
      '昔々、小さな狐が森で赤いボールを見つけました。狐はボールを友達と分けたいと思いました。\n\nそして川まで走りました。';
    const added = await core.addText({ title: 'Kitsune', text: fox, language: 'ja' });
    expect(added.story.language).toBe('ja');
    expect(added.duplicates).toEqual([]);
    expect((await core.checkDuplicates({ text: fox })).map((match) => match.title)).toEqual(['Kitsune']);
    expect((await core.search('狐')).map((hit) => hit.story.title)).toEqual(['Kitsune']);
    expect(await core.checkDuplicates({ text: TEST_STORIES.moonBalloon })).toEqual([]);
  });

  it('should refuse bad overrides, thresholds and texts with clear errors', async () => {
    core = await openIndexed(tempLibraryDir());
    const [one] = core.list();
    expect(() => core!.overrideDuplicate(one!.id, one!.id, 'same')).toThrow(/itself/);
    expect(() => core!.overrideDuplicate(one!.id, '00000000-0000-4000-8000-000000000000', 'gone')).toThrow(
      /Both stories/,
    );
    expect(() => core!.setDuplicateThreshold(0)).toThrow(/threshold/);
    expect(() => core!.setDuplicateThreshold(Number.NaN)).toThrow(/threshold/);
    await expect(core.checkDuplicates({ text: '   ' })).rejects.toThrow(/no words/);
    await expect(core.checkDuplicates({ text: 'a '.repeat(600_000) })).rejects.toThrow(/at most 512 KB/);
    await expect(core.addText({ title: 'Empty', text: '' })).rejects.toThrow(/no words/);
  });
});
