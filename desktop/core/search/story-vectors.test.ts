import { afterEach, describe, expect, it } from 'vitest';

import { HashedEmbedder } from '../../../models/embed/hashed-embedder';
import type { TalemoCore } from '../talemo-core';
import type { IndexJobStatus } from './story-vectors';
import { openIndexed, tempLibraryDir } from './test-library';
import { TalemoCore as Core } from '../talemo-core';

let open: TalemoCore[] = [];
afterEach(() => {
  for (const core of open) core.close();
  open = [];
});

async function opened(dir: string, embedder?: HashedEmbedder): Promise<TalemoCore> {
  const core = await openIndexed(dir, embedder);
  open.push(core);
  return core;
}

function nearest(core: TalemoCore, text: string): string | undefined {
  const vector = new HashedEmbedder().embedOne(text);
  return core.vectors.index.knn(vector, 1)[0]?.id;
}

describe('story vectors', () => {
  it('should index the example stories in the background on first open', async () => {
    const core = await opened(tempLibraryDir());
    expect(core.indexStatus()).toMatchObject({
      state: 'done',
      embedderId: 'talemo-hashed-v1',
      total: 2,
      indexed: 2,
    });
    expect(core.vectors.index.count()).toBe(core.library.stories.count());
  });

  it('should keep vectors in step with create, update and delete', async () => {
    const core = await opened(tempLibraryDir());
    const story = core.create({ title: 'The glass owl' });
    expect(core.vectors.index.has(story.id)).toBe(true);
    expect(nearest(core, 'The glass owl')).toBe(story.id);

    const graph = structuredClone(story.graph);
    graph.stages[1]!.text = 'A hedgehog baked blueberry muffins for the whole village every Sunday.';
    const updated = core.update(story.id, story.version, { graph, title: 'Sunday muffins' });
    expect(nearest(core, 'hedgehog blueberry muffins village')).toBe(story.id);

    core.delete(story.id, updated.version);
    expect(core.vectors.index.has(story.id)).toBe(false);
    expect(core.vectors.index.count()).toBe(core.library.stories.count());
  });

  it('should not leave a vector behind when a save fails', async () => {
    const core = await opened(tempLibraryDir());
    const story = core.create({ title: 'Conflict' });
    expect(() => core.update(story.id, 99, { title: 'Other words entirely' })).toThrow(/changed elsewhere/);
    expect(nearest(core, 'Conflict')).toBe(story.id);
  });

  it('should re-index, with progress, when the embedder changes, and resume a cancelled run', async () => {
    const dir = tempLibraryDir();
    const first = await opened(dir);
    for (let i = 0; i < 150; i += 1) first.create({ title: `Story number ${i} about a fox` });
    first.close();
    open = [];

    // A switched embedder (another dimension): its index starts empty and fills in the background.
    const switched = new HashedEmbedder({ dimension: 128 });
    const cancelled = await Core.open(dir, { embedder: switched });
    expect(cancelled.indexStatus().state).toBe('running');
    cancelled.close(); // stops the job after at most one batch
    await cancelled.whenIndexed();
    expect(['cancelled', 'failed', 'done']).toContain(cancelled.indexStatus().state);

    const resumed = await Core.open(dir, { embedder: switched });
    open.push(resumed);
    const seen: IndexJobStatus[] = [];
    resumed.vectors.onStatus((status) => seen.push(status));
    await resumed.whenIndexed();
    expect(resumed.indexStatus()).toMatchObject({ state: 'done', total: 152, indexed: 152 });
    expect(seen.some((status) => status.state === 'running' && status.done > 0 && status.done < 152)).toBe(
      true,
    );
    expect(resumed.vectors.index.count()).toBe(152);

    // The first embedder's index is still whole: nothing to do when switching back.
    resumed.close();
    open = [];
    const back = await Core.open(dir);
    open.push(back);
    expect(back.indexStatus().state).toBe('idle');
    expect(back.vectors.index.count()).toBe(152);
  });
});
