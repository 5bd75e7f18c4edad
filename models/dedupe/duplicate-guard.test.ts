import { afterEach, describe, expect, it } from 'vitest';

import { HashedEmbedder } from '../embed/hashed-embedder';
import { openTestDatabase, type TestDatabase } from '../vectors/test-database';
import { openVectorStore } from '../vectors/vector-store';
import { canonicalPair, findDuplicates } from './duplicate-guard';
import { DEFAULT_DUPLICATE_THRESHOLD } from './duplicate-score';
import { matchingPassages } from './matching-passages';
import { MAX_CHUNKS, splitIntoChunks } from './text-chunks';
import { TEST_STORIES } from './test-stories';

const embedder = new HashedEmbedder();
let handle: TestDatabase | null = null;

afterEach(() => {
  handle?.cleanup();
  handle = null;
});

async function libraryOf(texts: Record<string, string>) {
  handle = openTestDatabase();
  const index = openVectorStore(handle.db).activate(embedder);
  for (const [id, text] of Object.entries(texts)) index.upsert(id, embedder.embedOne(text));
  return { index, textOf: (id: string) => texts[id] ?? null };
}

describe('findDuplicates', () => {
  it('should flag a reworded copy with its score and matching passages, and not a story on the same theme', async () => {
    const { index, textOf } = await libraryOf({
      school: TEST_STORIES.dragonSchool,
      mountains: TEST_STORIES.dragonMountains,
      moon: TEST_STORIES.moonBalloon,
    });
    const matches = await findDuplicates({
      embedder,
      index,
      text: TEST_STORIES.dragonSchoolParaphrase,
      threshold: DEFAULT_DUPLICATE_THRESHOLD,
      textOf,
    });
    expect(matches.map((match) => match.id)).toEqual(['school']);
    expect(matches[0]!.score).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
    expect(matches[0]!.score).toBeLessThanOrEqual(1);
    const [best] = matches[0]!.passages;
    expect(matches[0]!.passages.length).toBeGreaterThan(0);
    expect(TEST_STORIES.dragonSchoolParaphrase).toContain(best!.text.slice(0, 30));
    expect(TEST_STORIES.dragonSchool).toContain(best!.otherText.slice(0, 30));
    expect(best!.score).toBeGreaterThan(0.3);
  });

  it('should leave out the story itself, pairs a parent overrode, and anything below the threshold', async () => {
    const { index, textOf } = await libraryOf({
      school: TEST_STORIES.dragonSchool,
      copy: TEST_STORIES.dragonSchoolParaphrase,
    });
    const base = { embedder, index, text: TEST_STORIES.dragonSchool, textOf };
    expect((await findDuplicates({ ...base, threshold: 0.85, selfId: 'school' })).map((m) => m.id)).toEqual([
      'copy',
    ]);
    expect(
      await findDuplicates({
        ...base,
        threshold: 0.85,
        selfId: 'school',
        isOverridden: (id) => id === 'copy',
      }),
    ).toEqual([]);
    expect(await findDuplicates({ ...base, threshold: 0.999, selfId: 'school' })).toEqual([]);
  });

  it('should give no match, and no error, for a text with nothing to embed', async () => {
    const { index, textOf } = await libraryOf({ school: TEST_STORIES.dragonSchool });
    expect(await findDuplicates({ embedder, index, text: '', threshold: 0.85, textOf })).toEqual([]);
    expect(
      await findDuplicates({ embedder, index, text: '\u0000\u0001…!!', threshold: 0.85, textOf }),
    ).toEqual([]);
  });
});

describe('passages', () => {
  it('should split paragraphs, and long paragraphs into sentences', () => {
    expect(splitIntoChunks('One.\n\nTwo.\r\n\r\n  \n\nThree!')).toEqual(['One.', 'Two.', 'Three!']);
    const long = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const chunks = splitIntoChunks(long);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.length <= 400)).toBe(true);
  });

  it('should stay bounded on a megabyte of text', async () => {
    const big = 'The dragon sat by the fence and counted clouds.\n\n'.repeat(22_000);
    expect(big.length).toBeGreaterThan(1_000_000);
    expect(splitIntoChunks(big).length).toBeLessThanOrEqual(MAX_CHUNKS);
    const passages = await matchingPassages(embedder, big, TEST_STORIES.dragonSchool);
    expect(passages.length).toBeGreaterThan(0);
  });

  it('should use each passage once', async () => {
    const passages = await matchingPassages(embedder, 'The dragon.\n\nThe dragon.', 'The dragon.\n\nA cat.');
    expect(new Set(passages.map((passage) => passage.otherText)).size).toBe(passages.length);
  });
});

describe('canonicalPair', () => {
  it('should order a pair the same whichever way it is named', () => {
    expect(canonicalPair('b', 'a')).toEqual(['a', 'b']);
    expect(canonicalPair('a', 'b')).toEqual(['a', 'b']);
  });
});
