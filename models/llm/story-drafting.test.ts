/**
 * Drafting through the real llama.cpp path on the tiny GGUF beside the repository (random
 * weights: it writes gibberish, so these tests check shapes, never words). A bounded schema
 * closes well within the token limit; where a random model still runs out, the draft keeps
 * what was written and says it was cut (shared/research/models.md, pitfall 8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { validateGraph } from '../../device-bridge/pack/graph-validation';
import { SHARED_MODEL_TAG } from '../shared-models';
import { companionForm, companionReply, type ChatInput } from './companion-chat';
import type { DraftPreview } from './draft-preview';
import { MODERATION_CATEGORIES } from '../moderation/moderation-category';
import { LlmModerationClassifier } from './llm-moderation-classifier';
import { LocalLlm } from './local-llm';
import { DraftRequestError, draftWithModel } from './story-drafting';
import { HAS_TEST_GGUF, TEST_FABRIQUE_REQUEST, TEST_GGUF } from './test-llm';

describe.skipIf(!HAS_TEST_GGUF)(`drafting on the tiny real model ${SHARED_MODEL_TAG}`, () => {
  let llm: LocalLlm;
  beforeAll(async () => {
    llm = await LocalLlm.load(TEST_GGUF, { threads: 1, contextSize: 2048 });
  });
  afterAll(async () => {
    await llm?.close();
  });

  it('should draft a branching French Fabrique story that streams in and passes the graph validator', async () => {
    const previews: DraftPreview[] = [];
    const result = await draftWithModel(llm, TEST_FABRIQUE_REQUEST, {
      seed: 42,
      onPreview: (preview) => previews.push(preview),
    });
    expect(result.kind).toBe('story');
    if (result.kind !== 'story') return;
    expect(validateGraph(result.graph)).toEqual([]);
    expect(result.graph.stages[0]!.kind).toBe('cover');
    expect(result.provenance).toMatchObject({
      mode: 'fabrique',
      seed: 42,
      promptVersion: 'draft-v1',
      model: 'llama-2-tiny-random.gguf',
    });
    expect(result.provenance.inputTokens).toBeGreaterThan(0);
    expect(result.provenance.outputTokens).toBeGreaterThan(0);
    if (!result.truncated) {
      // A whole answer followed the grammar: a question with two or three options.
      const questions = result.graph.stages.filter((stage) => stage.kind === 'menu.questionstage');
      expect(questions).toHaveLength(1);
      const options = result.graph.stages.filter((stage) => stage.kind === 'menu.optionstage');
      expect(options.length).toBeGreaterThanOrEqual(2);
      expect(options.length).toBeLessThanOrEqual(3);
    }
    // It streamed: the draft was shown forming before it was done.
    expect(previews.length).toBeGreaterThan(0);
  });

  it('should give the same draft for the same seed, reusing the loaded model', async () => {
    const request = { mode: 'prompt', prompt: 'a shy dragon', language: 'en', ageRange: '4-6' } as const;
    const first = await draftWithModel(llm, request, { seed: 7 });
    const second = await draftWithModel(llm, request, { seed: 7 });
    expect(first.kind === 'story' && second.kind === 'story').toBe(true);
    if (first.kind !== 'story' || second.kind !== 'story') return;
    expect(second.graph.stages.map((stage) => stage.text)).toEqual(
      first.graph.stages.map((stage) => stage.text),
    );
  });

  it('should stop when cancelled mid-generation, and draft again afterwards', async () => {
    const controller = new AbortController();
    const cancelled = draftWithModel(
      llm,
      {
        mode: 'prompt',
        prompt: 'a long adventure',
        language: 'en',
        ageRange: '7-9',
        length: 'long',
        choicePoints: 2,
      },
      {
        signal: controller.signal,
        onPreview: () => controller.abort(new Error('stopped by the parent')),
      },
    );
    await expect(cancelled).rejects.toThrow('stopped by the parent');
    const again = await draftWithModel(llm, {
      mode: 'prompt',
      prompt: 'a cat',
      language: 'en',
      ageRange: '0-3',
    });
    expect(again.kind).toBe('story');
  });

  it('should continue a page and turn notes into chapters', async () => {
    const page = await draftWithModel(llm, {
      mode: 'page',
      action: 'continue',
      storyTitle: 'Pip',
      before: 'Pip was a mouse.',
      page: 'Pip saw a moth.',
      language: 'en',
      ageRange: '4-6',
    });
    expect(page.kind).toBe('page');
    const chapters = await draftWithModel(llm, {
      mode: 'chapters',
      notes: ['we went to the sea', 'grandma made pancakes'],
      language: 'fr',
      ageRange: '4-6',
    }).catch((error: Error) => error);
    // A random model may write empty chapters only; then it says so instead of making an empty story.
    if (chapters instanceof Error) expect(chapters.message).toMatch(/no page of story/);
    else if (chapters.kind === 'story') expect(validateGraph(chapters.graph)).toEqual([]);
  });
});

describe('draft requests', () => {
  it('should refuse an empty prompt, a 100k-character prompt and unknown values, naming the field', async () => {
    const llm = {} as LocalLlm; // never reached: the request is checked first
    await expect(
      draftWithModel(llm, { mode: 'prompt', prompt: '  ', language: 'fr', ageRange: '4-6' }),
    ).rejects.toThrow(DraftRequestError);
    await expect(
      draftWithModel(llm, { mode: 'prompt', prompt: 'x'.repeat(100_000), language: 'fr', ageRange: '4-6' }),
    ).rejects.toThrow(/prompt: a prompt is at most 4000 characters/);
    await expect(
      draftWithModel(llm, { mode: 'prompt', prompt: 'a cat', language: 'fr', ageRange: '5-8' as never }),
    ).rejects.toThrow(/ageRange/);
  });
});

describe.skipIf(!HAS_TEST_GGUF)(`the companion chat on the tiny real model ${SHARED_MODEL_TAG}`, () => {
  it('should answer turn by turn with the history, then read the conversation back as a form', async () => {
    const llm = await LocalLlm.load(TEST_GGUF, { threads: 1, contextSize: 2048 });
    try {
      const input: ChatInput = { history: [], language: 'fr', ageRange: '4-6' };
      const streamed: string[] = [];
      const reply = await companionReply(
        llm,
        { ...input, message: 'Un escargot' },
        { onText: (t) => streamed.push(t) },
      );
      expect(streamed.join('').trim()).toBe(reply);
      const history = [
        { role: 'user' as const, text: 'Un escargot' },
        { role: 'model' as const, text: reply },
      ];
      // The second turn goes with the first in its history, and streams the same way.
      const streamedAgain: string[] = [];
      const second = await companionReply(
        llm,
        { ...input, history, message: 'Dans un jardin' },
        { onText: (t) => streamedAgain.push(t) },
      );
      expect(streamedAgain.join('').trim()).toBe(second);
      const form = await companionForm(llm, { ...input, history });
      expect(Object.keys(form).sort()).toEqual(['hero', 'lesson', 'object', 'place', 'problem', 'theme']);
      await expect(companionReply(llm, { ...input, message: '   ' })).rejects.toThrow(/say something/);
    } finally {
      await llm.close();
    }
  });
});

describe.skipIf(!HAS_TEST_GGUF)(
  `the model's moderation pass on the tiny real model ${SHARED_MODEL_TAG}`,
  () => {
    it('should answer through the grammar with findings moderation can use, the same each time', async () => {
      const llm = await LocalLlm.load(TEST_GGUF, { threads: 1, contextSize: 2048 });
      try {
        const classifier = new LlmModerationClassifier(llm);
        const text = 'Once upon a time a cat slept in the sun. '.repeat(150); // two pieces
        const first = await classifier.classify(text, '4-6');
        expect(await classifier.classify(text, '4-6')).toEqual(first);
        for (const finding of first) {
          expect(MODERATION_CATEGORIES).toContain(finding.category);
          expect(finding.passage.length).toBeGreaterThan(0);
        }
      } finally {
        await llm.close();
      }
    });
  },
);
