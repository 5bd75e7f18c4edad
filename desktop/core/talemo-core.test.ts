import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { TalemoCore } from './talemo-core';

describe('TalemoCore', () => {
  it("should collect a deleted story's files when the library is next opened, once they are old", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talemo-core-'));
    const core = await TalemoCore.open(dir);
    const [summary] = await core.search('Pip');
    const story = core.get(summary!.story.id).story;
    // Its cover picture is its own (the chimes are shared with the French example).
    const cover = story.graph.stages[0]!.image!.hash;
    core.delete(story.id, story.version);
    core.close();

    const soon = await TalemoCore.open(dir);
    expect(existsSync(soon.library.assets.path(cover))).toBe(true); // still within its grace period
    soon.library.db.prepare("UPDATE assets SET created_at = '2000-01-01T00:00:00.000Z'").run();
    soon.close();

    const later = await TalemoCore.open(dir);
    expect(existsSync(later.library.assets.path(cover))).toBe(false);
    // The French example's files, and the chimes both stories shared, are still referenced.
    const french = later.get((await later.search('Lila'))[0]!.story.id).story;
    expect(existsSync(later.library.assets.path(french.graph.stages[0]!.image!.hash))).toBe(true);
    expect(existsSync(later.library.assets.path(story.graph.stages[1]!.audio!.hash))).toBe(true);
    later.close();
  });

  it('should estimate the playing time again when the words change and there is no narration', async () => {
    const core = await TalemoCore.open(mkdtempSync(join(tmpdir(), 'talemo-core-')));
    const story = core.create({ title: 'Timing' });
    const graph = structuredClone(story.graph);
    graph.stages[1]!.text = 'word '.repeat(1300);
    expect(core.update(story.id, 1, { graph }).durationSec).toBe(600); // 1,300 words at 130 a minute
    core.close();
  });
});
