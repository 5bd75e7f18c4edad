/**
 * The contract's behaviour, written once and run against each transport (HTTP in
 * desktop/web, IPC in desktop/main), so both carry exactly the same app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HAS_TEST_GGUF, TEST_FABRIQUE_REQUEST, TEST_GGUF } from '../../models/llm/test-llm';
import { SHARED_MODEL_TAG } from '../../models/shared-models';
import { ContractError, type ProgressEvent, type TalemoClient } from './contract';

export interface TransportUnderTest {
  client: TalemoClient;
  close(): Promise<void>;
}

export function describeContract(transport: string, start: () => Promise<TransportUnderTest>): void {
  describe(`the contract over ${transport}`, () => {
    let subject: TransportUnderTest;
    let client: TalemoClient;

    const previousModel = process.env.TALEMO_LLM_MODEL;
    beforeAll(async () => {
      // The drafting model the core picks when none is installed: the tiny one beside the repo.
      if (HAS_TEST_GGUF) process.env.TALEMO_LLM_MODEL = TEST_GGUF;
      subject = await start();
      client = subject.client;
    });
    afterAll(async () => {
      await subject.close();
      if (previousModel === undefined) delete process.env.TALEMO_LLM_MODEL;
      else process.env.TALEMO_LLM_MODEL = previousModel;
    });

    const rejection = async (promise: Promise<unknown>): Promise<ContractError> => {
      const error = await promise.then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ContractError);
      return error as ContractError;
    };

    it('should list the two example stories of a new library', async () => {
      const stories = await client.call('stories.list', {});
      expect(stories.map((story) => story.language).sort()).toEqual(['en', 'fr']);
      expect((await client.call('app.info', {})).storyCount).toBe(2);
    });

    it('should find the French example by a word of its text, accents or not', async () => {
      for (const query of ['rivière', 'riviere']) {
        const hits = await client.call('stories.search', { query, language: 'fr' });
        expect(hits.map((hit) => hit.story.title)).toEqual(['Lila et la rivière qui chante']);
      }
    });

    it('should give a story with its graph and no validation issue, and its cover image bytes', async () => {
      const [summary] = await client.call('stories.search', { query: 'Lila' });
      const { story, issues } = await client.call('stories.get', { id: summary!.story.id });
      expect(issues).toEqual([]);
      expect(story.graph.actions.some((action) => action.options.length === 2)).toBe(true);
      const cover = await client.call('assets.read', { hash: summary!.story.coverImage! });
      expect(cover.mime).toBe('image/png');
      expect([...cover.data.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    });

    it('should save an edit with the right version and refuse one with a stale version', async () => {
      const created = await client.call('stories.create', { title: 'Contract story', language: 'en' });
      const page = created.graph.stages[1]!;
      const graph = {
        ...created.graph,
        stages: [created.graph.stages[0]!, { ...page, text: 'Once upon a time, a turtle raced a snail.' }],
      };
      const saved = await client.call('stories.update', {
        id: created.id,
        expectedVersion: 1,
        changes: { graph },
      });
      expect(saved.version).toBe(2);
      const error = await rejection(
        client.call('stories.update', {
          id: created.id,
          expectedVersion: 1,
          changes: { title: 'Late edit' },
        }),
      );
      expect(error.code).toBe('conflict');
      expect(error.details).toEqual({ currentVersion: 2 });
      expect((await client.call('stories.search', { query: 'turtle' })).map((hit) => hit.story.id)).toEqual([
        created.id,
      ]);
      await client.call('stories.delete', { id: created.id, expectedVersion: 2 });
    });

    it('should reject malformed input at the edge, naming the field', async () => {
      const error = await rejection(client.call('stories.get', { id: 'not-a-uuid' }));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(/id/);
      const unknown = await rejection(
        (client as unknown as { call(m: string, i: unknown): Promise<unknown> }).call('fs.readFile', {}),
      );
      expect(unknown.message).toMatch(/Unknown method/);
    });

    it('should say a story does not exist', async () => {
      const error = await rejection(
        client.call('stories.get', { id: '00000000-0000-4000-8000-000000000000' }),
      );
      expect(error.code).toBe('not-found');
    });

    it('should export a STUdio zip and import it back as the same story, with progress', async () => {
      const [summary] = await client.call('stories.search', { query: 'Pip' });
      const progress: ProgressEvent[] = [];
      const exported = await client.call(
        'studio.export',
        { id: summary!.story.id },
        { onProgress: (event) => progress.push(event) },
      );
      expect(exported.fileName).toBe('pip-and-the-lantern-moth.zip');
      const imported = await client.call(
        'studio.import',
        { fileName: exported.fileName, data: exported.data },
        { onProgress: (event) => progress.push(event) },
      );
      expect(imported.duplicateOf).toBe(summary!.story.id);
      const original = await client.call('stories.get', { id: summary!.story.id });
      const copy = await client.call('stories.get', { id: imported.story.id });
      expect(copy.story.graph).toEqual(original.story.graph);
      expect(copy.story.tags).toEqual(original.story.tags);
      expect(progress.map((event) => event.phase)).toEqual(expect.arrayContaining(['writing', 'reading']));
    });

    it('should refuse a file that is not a zip with a clear error', async () => {
      const error = await rejection(
        client.call('studio.import', {
          fileName: 'photo.zip',
          data: new TextEncoder().encode('not a zip at all'),
        }),
      );
      expect(error.code).toBe('invalid-pack');
      expect(error.message).toMatch(/zip/i);
      expect((await client.call('app.info', {})).storyCount).toBeGreaterThanOrEqual(2);
    });

    it('should list the model catalogue with a recommendation for this computer, nothing installed yet', async () => {
      const { models, hardware, recommendation, drafting } = await client.call('models.list', {
        language: 'fr',
      });
      // The suite points TALEMO_LLM_MODEL at the tiny model when it is there.
      expect(drafting).toEqual(
        HAS_TEST_GGUF ? { file: 'llama-2-tiny-random.gguf', source: 'environment' } : null,
      );
      expect(models.map((model) => model.kind)).toEqual(
        expect.arrayContaining(['llm', 'embedding', 'tts', 'stt']),
      );
      expect(models.every((model) => !model.installed && model.downloadBytes! > 0)).toBe(true);
      expect(hardware.cpuCores).toBeGreaterThan(0);
      expect(recommendation.reason.length).toBeGreaterThan(0);
      expect((await rejection(client.call('models.pull', { id: 'no-such-model' }))).code).toBe('not-found');
    });

    it('should refuse a draft request without a prompt, naming the field', async () => {
      const error = await rejection(
        client.call('drafts.generate', { mode: 'prompt', prompt: '', language: 'fr', ageRange: '4-6' }),
      );
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(/prompt/);
    });

    it.skipIf(!HAS_TEST_GGUF)(
      `should stream a Fabrique draft as previews, then save it moderated, as an AI story ${SHARED_MODEL_TAG}`,
      async () => {
        const previews: ProgressEvent[] = [];
        const { draft, moderation } = await client.call('drafts.generate', TEST_FABRIQUE_REQUEST, {
          onProgress: (event) => previews.push(event),
        });
        expect(previews.some((event) => event.preview !== undefined)).toBe(true);
        expect(moderation?.status).toMatch(/^(ok|flagged)$/);
        if (draft.kind !== 'story') throw new Error('expected a story');
        const { provenance } = draft;
        const saved = await client.call('drafts.save', {
          title: draft.title,
          summary: draft.summary,
          graph: draft.graph,
          language: 'fr',
          ageRange: '4-6',
          provenance: {
            model: provenance.model,
            modelName: provenance.modelName,
            promptVersion: provenance.promptVersion,
            mode: provenance.mode,
            seed: provenance.seed,
            temperature: provenance.temperature,
            inputTokens: provenance.inputTokens,
            outputTokens: provenance.outputTokens,
            stopReason: provenance.stopReason,
          },
        });
        expect(saved.story).toMatchObject({ aiGenerated: true, aiProvenance: { promptVersion: 'draft-v1' } });
        const report = await client.call('moderation.report', { storyId: saved.story.id });
        expect(report.status).toMatch(/^(ok|flagged)$/);
      },
    );
  });
}
