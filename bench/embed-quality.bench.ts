/**
 * The built-in hashed embedder: throughput on the duplicate development set's stories, against
 * a plain JS loop that only lower-cases the same texts and splits them into words, measured
 * in the same run and interleaved run by run so a busy machine slows both sides alike. Also
 * prints stories per second on 300-word stories (two dev-set stories joined and cut), and
 * the duplicate guard's precision, recall and F1 at the embedder's threshold on the set's dev
 * split (where the threshold was chosen) and its held-out test split.
 */
import { loadDedupeDevSet } from '../models/dedupe-dev-set/dev-set';
import { formatQuality, qualityAt, scorePairs, summariseByKind } from '../models/embed/dedupe-quality';
import { HASHED_DUPLICATE_THRESHOLD, HashedEmbedder } from '../models/embed/hashed-embedder';
import type { BenchResult } from './bench-result';

/** Stories embedded per timed run (the set's stories, repeated). */
const STORIES_PER_RUN = 6000;
const RUNS = 7;

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
  console.log(`  duplicates at threshold ${HASHED_DUPLICATE_THRESHOLD} (chosen on the dev split):`);
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
