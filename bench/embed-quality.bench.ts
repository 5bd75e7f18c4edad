/**
 * The built-in hashed embedder: throughput on the duplicate development set's stories, against
 * a plain JS loop that only lower-cases the same texts and splits them into words, measured
 * in the same run and interleaved run by run so a busy machine slows both sides alike. Also
 * prints stories per second on 300-word stories (two dev-set stories joined and cut), and
 * the duplicate guard's precision, recall and F1 at the embedder's threshold on the set's dev
 * split (where the threshold was chosen) and its held-out test split.
 */
import { loadDedupeDevSet } from '../models/dedupe-dev-set/dev-set';
import {
  bestThreshold,
  formatQuality,
  qualityAt,
  scorePairs,
  summariseByKind,
} from '../models/embed/dedupe-quality';
import { HASHED_DUPLICATE_THRESHOLD, HashedEmbedder } from '../models/embed/hashed-embedder';
import { NeuralEmbedder } from '../models/embed/neural-embedder';
import { HAS_TEST_MODEL, TEST_MODEL_DUPLICATE_COSINE, TEST_MODEL_FOLDER } from '../models/embed/test-model';
import type { BenchResult } from './bench-result';

/** Stories embedded per timed run (the set's stories, repeated). */
const STORIES_PER_RUN = 6000;
const RUNS = 7;
const NEURAL_STORIES = 1000;
const NEURAL_RUNS = 3;

/** Two decimals, without "-0.00". */
function score(value: number): string {
  return (Math.round(value * 100) / 100 + 0).toFixed(2);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

/** The same texts, repeated to `count`. */
function repeated(texts: readonly string[], count: number): string[] {
  return Array.from({ length: count }, (_, i) => texts[i % texts.length]!);
}

/** The baseline: lower-case and split into words, nothing else. Returns the word count. */
function lowerCaseAndSplit(texts: readonly string[]): number {
  let words = 0;
  for (const text of texts) words += text.toLowerCase().split(/\s+/).length;
  return words;
}

async function bestTimes(
  embedder: HashedEmbedder,
  texts: string[],
): Promise<{ ms: number; baselineMs: number }> {
  await embedder.embed(texts.slice(0, 500));
  lowerCaseAndSplit(texts);
  let ms = Infinity;
  let baselineMs = Infinity;
  let sink = 0;
  for (let run = 0; run < RUNS; run += 1) {
    let start = performance.now();
    const vectors = await embedder.embed(texts);
    ms = Math.min(ms, performance.now() - start);
    sink += vectors.length;
    start = performance.now();
    sink += lowerCaseAndSplit(texts);
    baselineMs = Math.min(baselineMs, performance.now() - start);
  }
  if (Number.isNaN(sink)) console.log('(unreachable: keeps the results alive)');
  return { ms, baselineMs };
}

export async function benchHashedEmbedder(): Promise<BenchResult> {
  const pairs = loadDedupeDevSet();
  const stories = [...new Set(pairs.flatMap((pair) => [pair.a, pair.b]))];
  const averageWords = stories.reduce((total, story) => total + wordCount(story), 0) / stories.length;
  const embedder = new HashedEmbedder();

  const devSet = await bestTimes(embedder, repeated(stories, STORIES_PER_RUN));
  const longStories = stories.map((story, i) =>
    `${story}\n\n${stories[(i + 7) % stories.length]!}`.split(/\s+/).slice(0, 300).join(' '),
  );
  const long = await bestTimes(embedder, repeated(longStories, STORIES_PER_RUN));
  const perSecond = (ms: number): string => ((STORIES_PER_RUN / ms) * 1000).toFixed(0);

  console.log(`hashed embedder ${embedder.id} (${embedder.dimension} dims), best of ${RUNS} runs:`);
  console.log(
    `  dev-set stories (${averageWords.toFixed(0)} words): ${perSecond(devSet.ms)} stories/s` +
      ` (lower-case + split: ${perSecond(devSet.baselineMs)} stories/s)`,
  );
  console.log(
    `  300-word stories: ${perSecond(long.ms)} stories/s` +
      ` (lower-case + split: ${perSecond(long.baselineMs)} stories/s; goal ≥ 5000)`,
  );

  const scored = await scorePairs(embedder, pairs);
  console.log(
    `  duplicates at its boundary cosine ${HASHED_DUPLICATE_THRESHOLD} (score 0.85; chosen on the dev split):`,
  );
  for (const split of ['dev', 'test'] as const) {
    const inSplit = scored.filter((s) => s.pair.split === split);
    console.log(
      `    ${split.padEnd(4)} (${inSplit.length} pairs): ${formatQuality(qualityAt(inSplit, HASHED_DUPLICATE_THRESHOLD))}`,
    );
  }
  for (const kind of summariseByKind(scored, HASHED_DUPLICATE_THRESHOLD)) {
    console.log(
      `    ${kind.kind.padEnd(19)} ${String(kind.flagged).padStart(3)}/${String(kind.pairs).padEnd(3)} flagged,` +
        ` scores ${score(kind.minScore)}–${score(kind.maxScore)} (mean ${score(kind.meanScore)})`,
    );
  }

  return {
    name: `hashed embedder, ${STORIES_PER_RUN} dev-set stories of ${averageWords.toFixed(0)} words`,
    baseline: 'lower-case + split into words of the same texts (plain JS)',
    ms: devSet.ms,
    baselineMs: devSet.baselineMs,
  };
}

/**
 * The neural embedder on the tiny test model beside the repository, when it is there: stories
 * per second through its worker (batches of 32), against the built-in embedder on the same
 * texts in the same run, and the duplicate guard's quality at the model's boundary cosine
 * (TEST_MODEL_DUPLICATE_COSINE), with the boundary the dev split gives again today.
 */
export async function benchNeuralEmbedder(): Promise<BenchResult | null> {
  if (!HAS_TEST_MODEL) {
    console.log(`neural embedder: skipped, no test model at ${TEST_MODEL_FOLDER}`);
    return null;
  }
  const pairs = loadDedupeDevSet();
  const stories = [...new Set(pairs.flatMap((pair) => [pair.a, pair.b]))];
  const texts = repeated(stories, NEURAL_STORIES);
  const neural = await NeuralEmbedder.load(TEST_MODEL_FOLDER, {
    duplicateCosine: TEST_MODEL_DUPLICATE_COSINE,
  });
  try {
    const hashed = new HashedEmbedder();
    await neural.embed(stories.slice(0, 64));
    let ms = Infinity;
    let baselineMs = Infinity;
    for (let run = 0; run < NEURAL_RUNS; run += 1) {
      let start = performance.now();
      await neural.embed(texts);
      ms = Math.min(ms, performance.now() - start);
      start = performance.now();
      await hashed.embed(texts);
      baselineMs = Math.min(baselineMs, performance.now() - start);
    }
    const perSecond = (time: number): string => ((NEURAL_STORIES / time) * 1000).toFixed(0);
    console.log(
      `neural embedder ${neural.id} (${neural.dimension} dims, worker thread), best of ${NEURAL_RUNS} runs:`,
    );
    console.log(
      `  ${perSecond(ms)} stories/s (built-in embedder on the same texts: ${perSecond(baselineMs)} stories/s)`,
    );

    const scored = await scorePairs(neural, pairs);
    const dev = scored.filter((s) => s.pair.split === 'dev');
    console.log(`  duplicates at its boundary cosine ${TEST_MODEL_DUPLICATE_COSINE} (score 0.85):`);
    for (const split of ['dev', 'test'] as const) {
      const inSplit = scored.filter((s) => s.pair.split === split);
      console.log(
        `    ${split.padEnd(4)} (${inSplit.length} pairs): ${formatQuality(qualityAt(inSplit, TEST_MODEL_DUPLICATE_COSINE))}`,
      );
    }
    console.log(`    best on the dev split today: ${formatQuality(bestThreshold(dev))}`);
    return {
      name: `neural embedder (test model), ${NEURAL_STORIES} dev-set stories`,
      baseline: 'the built-in hashed embedder on the same texts',
      ms,
      baselineMs,
    };
  } finally {
    await neural.close();
  }
}
