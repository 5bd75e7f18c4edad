import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { audioDurationSeconds } from '../../../device-bridge/audio/audio-duration';
import { validateGraph } from '../../../device-bridge/pack/graph-validation';
import { openLibrary } from '../library/library';
import { seedExamplesOnce } from './seed-examples';

describe('example stories', () => {
  it('should seed one French branching story and one English linear story, both valid', async () => {
    const library = openLibrary(mkdtempSync(join(tmpdir(), 'talemo-seed-')));
    expect(await seedExamplesOnce(library)).toBe(2);
    const stories = library.stories.list().map((summary) => library.stories.get(summary.id));
    const french = stories.find((story) => story.language === 'fr')!;
    const english = stories.find((story) => story.language === 'en')!;
    expect(french.graph.actions.some((action) => action.options.length > 1)).toBe(true);
    expect(english.graph.actions.every((action) => action.options.length === 1)).toBe(true);
    for (const story of stories) {
      expect(validateGraph(story.graph)).toEqual([]);
      expect(story.durationSec).toBeGreaterThan(0);
      for (const stage of story.graph.stages) {
        // Every node has a playable placeholder narration; the cover has a 320×240 PNG.
        const audio = await library.assets.read(stage.audio!.hash);
        const seconds = audioDurationSeconds({ head: audio.data, tail: audio.data, size: audio.data.length });
        expect(seconds).toBeCloseTo(1.2, 2);
      }
      const cover = story.graph.stages.find((stage) => stage.id === story.graph.coverId)!;
      const png = (await library.assets.read(cover.image!.hash)).data;
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([320, 240]);
    }
    library.close();
  });

  it('should seed only once: a parent who deletes the examples does not get them back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talemo-seed-'));
    const library = openLibrary(dir);
    await seedExamplesOnce(library);
    for (const story of library.stories.list()) library.stories.delete(story.id, story.version);
    library.close();
    const reopened = openLibrary(dir);
    expect(await seedExamplesOnce(reopened)).toBe(0);
    expect(reopened.stories.count()).toBe(0);
    reopened.close();
  });
});
