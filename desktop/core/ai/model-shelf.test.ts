/**
 * The model shelf against a local stand-in for Hugging Face (a real HTTP server on 127.0.0.1
 * from models/catalogue): install with progress, find the installed drafting model, draft
 * with it, remove it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Catalogue } from '../../../models/catalogue/catalogue';
import {
  fakeModelServer,
  sha256Hex,
  type FakeModelServer,
} from '../../../models/catalogue/fake-model-server';
import { HAS_TEST_GGUF, TEST_GGUF } from '../../../models/llm/test-llm';
import { SHARED_MODEL_TAG } from '../../../models/shared-models';
import { DraftingService } from './drafting-service';
import { ModelShelf } from './model-shelf';

let server: FakeModelServer;
beforeEach(async () => {
  server = await fakeModelServer();
});
afterEach(async () => {
  await server.close();
});

function catalogueServing(bytes: Buffer): Catalogue {
  return {
    version: 1,
    models: [
      {
        id: 'tiny-llm',
        kind: 'llm',
        name: 'Tiny test model',
        description: 'Random weights, for tests.',
        languages: ['en', 'fr'],
        licence: 'MIT',
        ramBytes: 64 * 1024 ** 2,
        source: { repository: 'test/tiny', revision: 'test' },
        verified: true,
        files: [
          {
            path: 'tiny.gguf',
            url: server.addFile('/tiny.gguf', bytes, { dropAfter: { bytes: 500_000, times: 1 } }),
            sizeBytes: bytes.length,
            sha256: sha256Hex(bytes),
          },
        ],
      },
    ],
  };
}

describe.skipIf(!HAS_TEST_GGUF)(`the model shelf ${SHARED_MODEL_TAG}`, () => {
  it('should install a drafting model (resuming a dropped connection), draft with it, and remove it', async () => {
    const bytes = readFileSync(TEST_GGUF);
    const shelf = new ModelShelf(mkdtempSync(join(tmpdir(), 'talemo-shelf-')), catalogueServing(bytes));
    expect(await shelf.draftingModelPath()).toBeNull();
    const seen: number[] = [];
    const model = await shelf.pull('tiny-llm', { onProgress: (_phase, done) => seen.push(done) });
    expect(model).toMatchObject({ installed: true });
    expect(model.sizeOnDiskBytes).toBeGreaterThanOrEqual(bytes.length);
    expect(seen.at(-1)).toBe(bytes.length);
    // The second request asked only for what the dropped one had not delivered.
    expect(server.requests.map((request) => request.range)).toEqual([
      undefined,
      expect.stringMatching(/^bytes=[1-9]\d*-$/),
    ]);

    const path = await shelf.draftingModelPath();
    expect(path).toMatch(/tiny-llm[/\\]tiny\.gguf$/);
    const drafting = new DraftingService(shelf, { env: {} });
    try {
      const draft = await drafting.draft({
        mode: 'prompt',
        prompt: 'a cat',
        language: 'en',
        ageRange: '0-3',
      });
      expect(draft.kind).toBe('story');
      expect(drafting.loadedModel()).toBe(path);
    } finally {
      await drafting.close();
    }
    expect(await shelf.remove('tiny-llm')).toBe(true);
    expect(await shelf.draftingModelPath()).toBeNull();
    await expect(shelf.remove('unknown')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('should stop a download on cancel, keep what it has, and resume it later', async () => {
    const bytes = readFileSync(TEST_GGUF);
    const catalogue = catalogueServing(bytes);
    catalogue.models[0]!.files[0]!.url = server.addFile('/slow.gguf', bytes, {
      trickle: { chunkBytes: 65_536, delayMs: 20 },
    });
    const shelf = new ModelShelf(mkdtempSync(join(tmpdir(), 'talemo-shelf-')), catalogue);
    const controller = new AbortController();
    await expect(
      shelf.pull('tiny-llm', {
        signal: controller.signal,
        onProgress: (_phase, done) => {
          if (done > 300_000) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    const stopped = (await shelf.list()).models[0]!;
    expect(stopped.installed).toBe(false);
    expect(stopped.resumableBytes).toBeGreaterThan(0);
    expect((await shelf.pull('tiny-llm')).installed).toBe(true);
  });
});
