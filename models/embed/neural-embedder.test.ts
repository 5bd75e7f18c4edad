/**
 * The neural embedder on a real (tiny) model: `../shared/models/embed/m2v-bge-vq128-onnx`,
 * beside the repository (see `../shared/models/PROVENANCE.md` and `test-model.ts`).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cosineSimilarity } from './cosine-similarity';
import { NeuralEmbedder, NeuralModelError } from './neural-embedder';
import { SHARED_MODEL_TAG } from '../shared-models';
import { HAS_TEST_MODEL, TEST_MODEL_FOLDER } from './test-model';

const MODEL_FOLDER = TEST_MODEL_FOLDER;

const FOX = 'Once upon a time, a little fox found a shiny red ball in the forest.';
const FOX_PARAPHRASE = 'A small fox discovered a bright red ball in the woods one day.';
const UNRELATED = 'The central bank raised interest rates to fight inflation in the economy.';

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((total, x) => total + x * x, 0));
}

/** A story of `sentences` varied sentences (about 14 tokens each). */
function longStory(sentences: number): string {
  const animals = ['fox', 'bear', 'owl', 'rabbit', 'dragon', 'mouse'];
  const places = ['forest', 'river', 'castle', 'meadow', 'mountain', 'village'];
  return Array.from(
    { length: sentences },
    (_, i) => `On day ${i}, the ${animals[i % 6]} walked to the ${places[(i * 5) % 6]} to look for a friend.`,
  ).join(' ');
}

describe.skipIf(!HAS_TEST_MODEL)(`NeuralEmbedder on the tiny local model ${SHARED_MODEL_TAG}`, () => {
  let embedder: NeuralEmbedder;
  let smallChunks: NeuralEmbedder;

  beforeAll(async () => {
    [embedder, smallChunks] = await Promise.all([
      NeuralEmbedder.load(MODEL_FOLDER),
      NeuralEmbedder.load(MODEL_FOLDER, { maxTokensPerChunk: 32, batchSize: 4 }),
    ]);
  });

  afterAll(async () => {
    await embedder?.close();
    await smallChunks?.close();
  });

  it('loads from the local folder (no network) and reads its dimension from the model output', () => {
    expect(embedder.dimension).toBe(64);
    expect(embedder.id).toBe('neural-m2v-bge-vq128-onnx-v1');
    expect(embedder.version).toBe('1');
    expect(embedder.tokenBudget).toBe(512);
    expect(smallChunks.id).toBe('neural-m2v-bge-vq128-onnx-v1-t32');
  });

  it('gives unit vectors of the model dimension, and the zero vector for a blank text', async () => {
    const [fox, blank, empty] = await embedder.embed([FOX, '  \n ', '']);
    expect(fox!.length).toBe(64);
    expect(norm(fox!)).toBeCloseTo(1, 5);
    expect(blank!.every((x) => x === 0)).toBe(true);
    expect(empty!.every((x) => x === 0)).toBe(true);
  });

  it('is deterministic across calls, batch positions and instances', async () => {
    const [a] = await embedder.embed([FOX]);
    const [, b] = await embedder.embed([UNRELATED, FOX, FOX_PARAPHRASE]);
    const other = await NeuralEmbedder.load(MODEL_FOLDER);
    try {
      const [c] = await other.embed([FOX]);
      expect([...b!]).toEqual([...a!]);
      expect([...c!]).toEqual([...a!]);
    } finally {
      await other.close();
    }
  });

  it('scores a paraphrase higher than an unrelated story', async () => {
    const [fox, paraphrase, unrelated] = await embedder.embed([FOX, FOX_PARAPHRASE, UNRELATED]);
    const close = cosineSimilarity(fox!, paraphrase!);
    const far = cosineSimilarity(fox!, unrelated!);
    expect(close).toBeGreaterThan(0.6);
    expect(close).toBeGreaterThan(far + 0.3);
  });

  it('cuts a long story into sentence chunks within the token budget and pools their vectors', async () => {
    const story = longStory(12);
    const [chunks] = await smallChunks.chunk([story]);
    expect(chunks!.length).toBeGreaterThan(3);
    expect(chunks!.join(' ')).toBe(story);
    for (const chunk of chunks!) expect(chunk).toMatch(/^On day \d+,.*friend\.$/); // whole sentences
    const [pooled] = await smallChunks.embed([story]);
    const chunkVectors = await smallChunks.embed(chunks!);
    const mean = new Float32Array(64);
    for (const vector of chunkVectors) vector.forEach((x, i) => (mean[i] = mean[i]! + x));
    const expected = mean.map((x) => x / norm(mean));
    for (let i = 0; i < 64; i += 1) expect(pooled![i]).toBeCloseTo(expected[i]!, 5);
    // With the model's own budget the same story is one chunk.
    expect((await embedder.chunk([story]))[0]).toEqual([story]);
  });

  it('embeds a 1 MB text without failing', async () => {
    const [vector] = await embedder.embed([longStory(12).repeat(700).slice(0, 1_000_000)]);
    expect(norm(vector!)).toBeCloseTo(1, 4);
  });

  it('reports progress batch by batch, ending with (total, total)', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `Story ${i}: ${FOX}`);
    const seen: Array<[number, number]> = [];
    await smallChunks.embed(texts, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toEqual([20, 20]);
    for (let i = 1; i < seen.length; i += 1) expect(seen[i]![0]).toBeGreaterThanOrEqual(seen[i - 1]![0]);
  });

  it('stops between batches when its signal aborts, and stays usable', async () => {
    const texts = Array.from({ length: 400 }, (_, i) => `${longStory(4)} Number ${i}.`);
    const controller = new AbortController();
    let progressAfterAbort = 0;
    const call = smallChunks.embed(texts, {
      signal: controller.signal,
      onProgress: () => {
        if (controller.signal.aborted) progressAfterAbort += 1;
        controller.abort(new Error('stop now'));
      },
    });
    await expect(call).rejects.toThrow('stop now');
    expect(progressAfterAbort).toBe(0);
    const aborted = AbortSignal.abort(new Error('already aborted'));
    await expect(smallChunks.embed([FOX], { signal: aborted })).rejects.toThrow('already aborted');
    const [fox] = await smallChunks.embed([FOX]);
    expect(norm(fox!)).toBeCloseTo(1, 5);
  });

  it('rejects non-string input with a clear error', async () => {
    await expect(embedder.embed([42 as unknown as string])).rejects.toThrow(/strings only/);
  });
});

describe.skipIf(!HAS_TEST_MODEL)(
  `NeuralEmbedder on a broken copy of the model folder ${SHARED_MODEL_TAG}`,
  () => {
    let scratch: string;

    beforeAll(() => {
      scratch = mkdtempSync(join(tmpdir(), 'talemo-neural-'));
    });

    afterAll(() => {
      rmSync(scratch, { recursive: true, force: true });
    });

    it('names the missing files of an incomplete folder', async () => {
      const partial = join(scratch, 'partial');
      cpSync(MODEL_FOLDER, partial, { recursive: true });
      rmSync(join(partial, 'onnx'), { recursive: true });
      await expect(NeuralEmbedder.load(partial)).rejects.toThrow(/lacks onnx\/model\.onnx/);
    });

    it('says a corrupt JSON file is corrupt', async () => {
      const broken = join(scratch, 'bad-json');
      cpSync(MODEL_FOLDER, broken, { recursive: true });
      writeFileSync(join(broken, 'tokenizer.json'), '{"truncated": ');
      await expect(NeuralEmbedder.load(broken)).rejects.toThrow(/corrupt tokenizer\.json/);
    });

    it('says the model could not be loaded when its weights are junk', async () => {
      const junk = join(scratch, 'junk-weights');
      cpSync(MODEL_FOLDER, junk, { recursive: true });
      writeFileSync(join(junk, 'onnx', 'model.onnx'), 'this is not an onnx file');
      const error = await NeuralEmbedder.load(junk).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NeuralModelError);
      expect((error as Error).message).toContain(`could not load the model at ${junk}`);
    });
  },
);

describe('NeuralEmbedder on a missing model folder', () => {
  it('names the missing folder', async () => {
    const missing = join(tmpdir(), 'talemo-no-such-model');
    await expect(NeuralEmbedder.load(missing)).rejects.toThrow(NeuralModelError);
    await expect(NeuralEmbedder.load(missing)).rejects.toThrow(`no model folder at ${missing}`);
  });
});
