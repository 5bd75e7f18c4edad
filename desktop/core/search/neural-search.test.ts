/**
 * The core with the neural embedder active, on the tiny real model beside the repository
 * (`models/embed/test-model.ts`): switching to it re-indexes the library, search finds a
 * story by meaning, and the duplicate guard flags a reworded copy on its common scale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_STORIES } from '../../../models/dedupe/test-stories';
import { NeuralEmbedder } from '../../../models/embed/neural-embedder';
import {
  HAS_TEST_MODEL,
  TEST_MODEL_DUPLICATE_COSINE,
  TEST_MODEL_FOLDER,
} from '../../../models/embed/test-model';
import { SHARED_MODEL_TAG } from '../../../models/shared-models';
import { TalemoCore } from '../talemo-core';
import { openIndexed, tempLibraryDir } from './test-library';

const FOX = 'Once upon a time, a little fox found a shiny red ball in the forest and kicked it all day.';

describe.skipIf(!HAS_TEST_MODEL)(`the core with the neural embedder ${SHARED_MODEL_TAG}`, () => {
  let neural: NeuralEmbedder;
  beforeAll(async () => {
    neural = await NeuralEmbedder.load(TEST_MODEL_FOLDER, { duplicateCosine: TEST_MODEL_DUPLICATE_COSINE });
  });
  afterAll(async () => {
    await neural?.close();
  });

  it('should re-index a library made with the built-in embedder, then search it by meaning', async () => {
    const dir = tempLibraryDir();
    const hashed = await openIndexed(dir);
    const fox = (await hashed.addText({ title: 'The red ball', text: FOX, language: 'en' })).story.id;
    await hashed.addText({ title: 'Ember', text: TEST_STORIES.dragonSchool, language: 'en' });
    hashed.close();

    const core = await TalemoCore.open(dir, { embedder: neural });
    try {
      expect(core.indexStatus()).toMatchObject({ state: 'running', embedderId: neural.id });
      await core.whenIndexed();
      expect(core.indexStatus()).toMatchObject({ state: 'done', indexed: 4, total: 4 });
      // No word of the query is in the story: only its meaning can find it.
      expect(core.library.stories.search('puppy toy woods')).toEqual([]);
      const hits = await core.search('puppy toy woods');
      expect(hits[0]?.story.id).toBe(fox);
    } finally {
      core.close();
    }
  });

  // (This weak model misses some paraphrases the built-in embedder catches, the shy dragon's
  // among them: cosine 0.950 under its boundary 0.969. The pirates' one it catches.)
  it('should flag a reworded copy at the default threshold, and a new save gets its vector', async () => {
    const core = await openIndexed(tempLibraryDir(), neural);
    try {
      const original = await core.addText({ title: 'Pirates', text: TEST_STORIES.gardenPirates });
      const copy = await core.addText({ title: 'Pirates again', text: TEST_STORIES.gardenPiratesParaphrase });
      expect(core.vectors.index.count()).toBe(core.library.stories.count());
      expect(copy.duplicates.map((match) => match.id)).toEqual([original.story.id]);
      expect(copy.duplicates[0]!.score).toBeGreaterThanOrEqual(core.duplicateThreshold());
      const unrelated = await core.checkDuplicates({ text: TEST_STORIES.moonBalloon });
      expect(unrelated).toEqual([]);
    } finally {
      core.close();
    }
  });
});
