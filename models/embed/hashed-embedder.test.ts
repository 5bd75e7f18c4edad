import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { cosineSimilarity } from './cosine-similarity';
import { HASHED_DUPLICATE_THRESHOLD, HashedEmbedder } from './hashed-embedder';

const STORY =
  'Ember was a small green dragon who had just started at Hilltop School. She sat in the very last row ' +
  'and hid behind her wings whenever Miss Hazel asked a question. The other children were curious about ' +
  'her, but Ember was too shy to say hello.';

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((total, x) => total + x * x, 0));
}

function isZero(vector: Float32Array): boolean {
  return vector.every((x) => x === 0);
}

describe('HashedEmbedder', () => {
  it('names itself and its vectors', () => {
    const embedder = new HashedEmbedder();
    expect(embedder.id).toBe('talemo-hashed-v1');
    expect(embedder.version).toBe('1');
    expect(embedder.dimension).toBe(384);
    expect(new HashedEmbedder({ dimension: 256 }).id).toBe('talemo-hashed-v1-d256');
    expect(new HashedEmbedder({ weights: { charNgrams: 0.5 } }).id).toBe('talemo-hashed-v1-w1,0.35,0.5');
  });

  it('is deterministic: same text, same vector, whatever came before and in whichever instance', async () => {
    const first = new HashedEmbedder();
    const [before] = await first.embed([STORY]);
    await first.embed(['Le loup mangeait des carottes.', 'x'.repeat(10_000), '']);
    const [after] = await first.embed([STORY]);
    const [other] = await new HashedEmbedder().embed([STORY]);
    expect(after).toEqual(before);
    expect(other).toEqual(before);
  });

  it('returns unit vectors of its dimension, one per text, in order', async () => {
    const embedder = new HashedEmbedder({ dimension: 100 });
    const texts = [STORY, 'Le petit loup gris', 'moon'];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(3);
    for (const [i, vector] of vectors.entries()) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector.length).toBe(100);
      expect(norm(vector)).toBeCloseTo(1, 5);
      expect(vector).toEqual(embedder.embedOne(texts[i]!));
    }
  });

  it('folds accents and case', () => {
    const embedder = new HashedEmbedder();
    expect(embedder.embedOne('Éléphant à l’École')).toEqual(embedder.embedOne('elephant a l ecole'));
    expect(embedder.embedOne('THE SHY DRAGON')).toEqual(embedder.embedOne('the shy dragon'));
    expect(embedder.embedOne('cœur')).toEqual(embedder.embedOne('coeur'));
  });

  it('ignores stop words, so they neither add features nor break word pairs', () => {
    const embedder = new HashedEmbedder();
    expect(embedder.embedOne('The dragon of the mountains was very shy')).toEqual(
      embedder.embedOne('dragon mountains shy'),
    );
    expect(embedder.embedOne('Le dragon et la princesse étaient dans la forêt')).toEqual(
      embedder.embedOne('dragon princesse foret'),
    );
  });

  it('embeds empty and wordless text as the zero vector, never NaN', async () => {
    const embedder = new HashedEmbedder();
    const vectors = await embedder.embed(['', '   \n\t', '... !!! ?', 'the of and le la les', 'a b c']);
    for (const vector of vectors) {
      expect(isZero(vector)).toBe(true);
      expect(cosineSimilarity(vector, embedder.embedOne(STORY))).toBe(0);
    }
  });

  it('handles binary bytes decoded as text', () => {
    const embedder = new HashedEmbedder();
    const bytes = randomBytes(200_000);
    for (const text of [bytes.toString('utf8'), bytes.toString('latin1'), bytes.toString('utf16le')]) {
      const vector = embedder.embedOne(text);
      expect(vector.every(Number.isFinite)).toBe(true);
      expect(Math.abs(norm(vector) - 1) < 1e-5 || isZero(vector)).toBe(true);
    }
    expect(embedder.embedOne('\ud800\udfff\ud83d lone surrogates \udc00').every(Number.isFinite)).toBe(true);
  });

  it('embeds 1 MB of text, real or junk, in time linear in its length', () => {
    const embedder = new HashedEmbedder();
    let story = '';
    while (story.length < 1_000_000) story += `${STORY} Le hérisson timide cherchait ses lunettes. `;
    let seed = 1;
    const junk = Array.from({ length: 110_000 }, () => {
      let word = '';
      for (let i = 0; i < 8; i += 1) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        word += String.fromCharCode(97 + (seed % 26));
      }
      return word;
    }).join(' ');
    // Why a ratio and not a time: a busy machine slows both sizes alike, but a quadratic path
    // (a pathological input) makes ten times the text cost a hundred times the work.
    const bestMs = (text: string): number => {
      let best = Infinity;
      for (let run = 0; run < 3; run += 1) {
        const start = performance.now();
        const vector = embedder.embedOne(text);
        best = Math.min(best, performance.now() - start);
        expect(vector.every(Number.isFinite)).toBe(true);
      }
      return best;
    };
    for (const text of [story, junk, 'a'.repeat(1_000_000)]) {
      const tenth = bestMs(text.slice(0, text.length / 10));
      // Measured 8–21 (collections growing with 110,000 distinct junk words); quadratic is ~100.
      expect(bestMs(text) / Math.max(tenth, 1)).toBeLessThan(50);
    }
  });

  it('scores a copy high and a different story low', () => {
    const embedder = new HashedEmbedder();
    const story = embedder.embedOne(STORY);
    const renamed = embedder.embedOne(STORY.replaceAll('Ember', 'Juniper').replaceAll('Hazel', 'Finch'));
    const other = embedder.embedOne(
      'High in the Grey Mountains lived a dragon called Bramble. He was big and strong, but he was ' +
        'terribly shy. When travellers climbed the mountain path, Bramble hid in his cave.',
    );
    expect(cosineSimilarity(story, renamed)).toBeGreaterThan(HASHED_DUPLICATE_THRESHOLD);
    expect(cosineSimilarity(story, other)).toBeLessThan(HASHED_DUPLICATE_THRESHOLD);
  });

  it('reports progress, ending with (total, total)', async () => {
    const embedder = new HashedEmbedder();
    const calls: Array<[number, number]> = [];
    await embedder.embed(
      Array.from({ length: 3000 }, () => STORY),
      {
        onProgress: (done, total) => calls.push([done, total]),
      },
    );
    expect(calls.at(-1)).toEqual([3000, 3000]);
    for (let i = 1; i < calls.length; i += 1) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
    expect(
      (await embedder.embed([], { onProgress: (done, total) => calls.push([done, total]) })).length,
    ).toBe(0);
    expect(calls.at(-1)).toEqual([0, 0]);
  });

  it('stops when aborted, before or during the batch', async () => {
    const embedder = new HashedEmbedder();
    const before = new AbortController();
    before.abort(new Error('cancelled'));
    await expect(embedder.embed([STORY], { signal: before.signal })).rejects.toThrow('cancelled');

    const during = new AbortController();
    let progressCalls = 0;
    const texts = Array.from({ length: 20_000 }, () => STORY);
    const run = embedder.embed(texts, {
      signal: during.signal,
      onProgress: (done, total) => {
        progressCalls += 1;
        if (done < total) during.abort(new Error('stopped halfway'));
      },
    });
    await expect(run).rejects.toThrow('stopped halfway');
    expect(progressCalls).toBe(1);
  });

  it('refuses bad settings and non-text', () => {
    expect(() => new HashedEmbedder({ dimension: 0 })).toThrow(RangeError);
    expect(() => new HashedEmbedder({ dimension: 1.5 })).toThrow(RangeError);
    expect(() => new HashedEmbedder({ weights: { words: Number.NaN } })).toThrow(RangeError);
    expect(() => new HashedEmbedder({ weights: { charNgrams: -1 } })).toThrow(RangeError);
    expect(() => new HashedEmbedder().embedOne(42 as unknown as string)).toThrow(TypeError);
  });
});
