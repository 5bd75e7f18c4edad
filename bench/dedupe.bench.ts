/**
 * The duplicate check as a save runs it, on a library of 10,000 stories in a temp folder
 * (real SQLite file, FTS5, sqlite-vec, the built-in embedder): embed the text, KNN over the
 * library's vectors, matching passages for what is flagged. The library's stories are made of
 * sentences of the duplicate development set shuffled together (so they share its words and
 * themes); the texts checked are the set's own stories, some of which the library holds in
 * part. Baseline, measured in the same run and interleaved check by check: embedding the same
 * text and a plain Float32Array brute-force dot product over the same 10,000 vectors in JS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TalemoCore } from '../desktop/core/talemo-core';
import { linearStoryGraph } from '../desktop/core/story/text-story';
import { loadDedupeDevSet } from '../models/dedupe-dev-set/dev-set';
import { HashedEmbedder } from '../models/embed/hashed-embedder';
import { seededRandom } from '../models/vectors/test-database';
import type { BenchResult } from './bench-result';

const STORIES = 10_000;
const SENTENCES_PER_STORY = 12;
const CHECKS = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchDedupe(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'talemo-bench-dedupe-'));
  const random = seededRandom(20261123);
  const texts = [...new Set(loadDedupeDevSet().flatMap((pair) => [pair.a, pair.b]))];
  const sentences = texts.flatMap((text) => text.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 20);
  const core = await TalemoCore.open(dir);
  try {
    let start = performance.now();
    const vectors: Float32Array[] = [];
    const embedder = new HashedEmbedder();
    // One transaction for the lot: the bench measures checks, not 10,000 commits.
    core.library.db.transaction(() => {
      for (let i = 0; i < STORIES; i += 1) {
        const picked = Array.from(
          { length: SENTENCES_PER_STORY },
          () => sentences[Math.floor(random() * sentences.length)]!,
        );
        // Paragraphs of three sentences: pages, as `talemo add` makes them.
        const text = [0, 3, 6, 9].map((at) => picked.slice(at, at + 3).join(' ')).join('\n\n');
        const title = `Story ${i}`;
        core.create({ title, graph: linearStoryGraph(title, text) });
        vectors.push(embedder.embedOne(`${title}\n\n${text}`));
      }
    })();
    await core.whenIndexed();
    const buildMs = performance.now() - start;

    const checkMs: number[] = [];
    const baselineMs: number[] = [];
    let flagged = 0;
    let sink = 0;
    for (let i = 0; i < CHECKS + 5; i += 1) {
      const text = texts[i % texts.length]!;
      start = performance.now();
      const matches = await core.checkDuplicates({ text });
      const ms = performance.now() - start;
      start = performance.now();
      sink += bruteForceBest(embedder.embedOne(text), vectors);
      const base = performance.now() - start;
      if (i < 5) continue; // warm-up
      checkMs.push(ms);
      baselineMs.push(base);
      if (matches.length > 0) flagged += 1;
    }
    if (Number.isNaN(sink)) console.log('(unreachable: keeps the results alive)');
    checkMs.sort((a, b) => a - b);
    baselineMs.sort((a, b) => a - b);
    const [p50, p99] = [percentile(checkMs, 50), percentile(checkMs, 99)];
    const [base50, base99] = [percentile(baselineMs, 50), percentile(baselineMs, 99)];
    console.log(
      `duplicate check at save time, ${STORIES} stories (library built in ${(buildMs / 1000).toFixed(1)} s):`,
    );
    console.log(
      `  p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms over ${CHECKS} checks (${flagged} flagged something);` +
        ` embed + JS brute force: p50 ${base50.toFixed(2)} ms, p99 ${base99.toFixed(2)} ms`,
    );
    return {
      name: `duplicate check (p50) on a ${STORIES}-story library`,
      baseline: 'embedding + plain Float32Array brute-force loop over the same vectors (p50)',
      ms: p50,
      baselineMs: base50,
    };
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The exact nearest neighbour's score by a plain loop: the least a check must do. */
function bruteForceBest(query: Float32Array, vectors: readonly Float32Array[]): number {
  let best = -Infinity;
  for (const vector of vectors) {
    let dot = 0;
    for (let d = 0; d < vector.length; d += 1) dot += query[d]! * vector[d]!;
    if (dot > best) best = dot;
  }
  return best;
}
