import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { validateGraph } from '../../../device-bridge/pack/graph-validation';
import { HAS_TEST_GGUF, TEST_FABRIQUE_REQUEST, TEST_GGUF } from '../../../models/llm/test-llm';
import { SHARED_MODEL_TAG } from '../../../models/shared-models';
import { TalemoCore } from '../talemo-core';

let open: TalemoCore[] = [];
afterEach(() => {
  for (const core of open) core.close();
  open = [];
});

async function library(
  dir = mkdtempSync(join(tmpdir(), 'talemo-drafting-')),
): Promise<{ core: TalemoCore; dir: string }> {
  const core = await TalemoCore.open(dir);
  open.push(core);
  return { core, dir };
}

const FABRIQUE = TEST_FABRIQUE_REQUEST;

describe('drafting without a usable model', () => {
  it('should say no model is installed, and how to get one', async () => {
    const { core } = await library();
    const previous = process.env.TALEMO_LLM_MODEL;
    delete process.env.TALEMO_LLM_MODEL;
    try {
      await expect(core.draftStory(FABRIQUE)).rejects.toMatchObject({
        code: 'no-model',
        message: /talemo models pull/,
      });
    } finally {
      if (previous !== undefined) process.env.TALEMO_LLM_MODEL = previous;
    }
  });

  it('should name a file that is not a model, and check the request before loading anything', async () => {
    const { core, dir } = await library();
    const fake = join(dir, 'story.gguf');
    writeFileSync(fake, 'not a model at all');
    await expect(core.draftStory(FABRIQUE, { modelPath: fake })).rejects.toMatchObject({
      code: 'model-unusable',
      message: /not a GGUF model file/,
    });
    await expect(core.draftStory({ ...FABRIQUE, hero: '' }, { modelPath: fake })).rejects.toMatchObject({
      code: 'invalid-input',
      message: /hero/,
    });
  });
});

describe.skipIf(!HAS_TEST_GGUF)(`drafting into the library ${SHARED_MODEL_TAG}`, () => {
  it('should draft a branching French story, moderate it, and save it marked as AI-written, across restarts', async () => {
    const { core, dir } = await library();
    const outcome = await core.draftStory(FABRIQUE, { modelPath: TEST_GGUF, seed: 3 });
    expect(outcome.draft.kind).toBe('story');
    if (outcome.draft.kind !== 'story') return;
    expect(validateGraph(outcome.draft.graph)).toEqual([]);
    // Flagged exactly when something was found (the lists, or the model's own pass).
    expect(outcome.moderation!.status).toBe(outcome.moderation!.findings.length > 0 ? 'flagged' : 'ok');
    // Random words resemble neither example story.
    expect(outcome.duplicates).toEqual([]);
    expect(core.drafting.loadedModel()).toBe(TEST_GGUF);

    const { story } = await core.saveDraft({
      title: outcome.draft.title,
      summary: outcome.draft.summary,
      graph: outcome.draft.graph,
      language: 'fr',
      ageRange: '4-6',
      provenance: outcome.draft.provenance,
    });
    expect(story).toMatchObject({ aiGenerated: true, language: 'fr', ageRange: '4-6' });
    core.close();
    open = [];
    const again = (await library(dir)).core;
    const saved = again.get(story.id).story;
    expect(saved.aiProvenance).toMatchObject({
      model: 'llama-2-tiny-random.gguf',
      promptVersion: 'draft-v1',
      seed: 3,
      mode: 'fabrique',
    });
    expect(saved.aiProvenance!.outputTokens).toBeGreaterThan(0);
    expect(saved.graph).toEqual(outcome.draft.graph);
  });

  it('should stop a draft when cancelled and say nothing was saved, then draft again with the same loaded model', async () => {
    const { core } = await library();
    const controller = new AbortController();
    const before = core.library.stories.count();
    await expect(
      core.draftStory(FABRIQUE, {
        modelPath: TEST_GGUF,
        signal: controller.signal,
        onPreview: () => controller.abort(),
      }),
    ).rejects.toMatchObject({ code: 'cancelled', message: /nothing was saved/ });
    expect(core.library.stories.count()).toBe(before);
    const again = await core.draftStory(FABRIQUE, { modelPath: TEST_GGUF });
    expect(again.draft.kind).toBe('story');
  });
});
