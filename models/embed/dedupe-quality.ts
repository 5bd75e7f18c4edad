/**
 * How well an embedder tells copies from different stories: cosine scores for labelled
 * pairs, then precision, recall and F1 of "duplicate when score ≥ threshold", and the
 * threshold that maximises F1 on a set of pairs. Used by the tests and `npm run bench`.
 */
import { cosineSimilarity } from './cosine-similarity';
import type { EmbedOptions, Embedder } from './embedder';

/** A pair of texts and whether the duplicate guard should flag one as a copy of the other. */
export interface LabelledPair {
  a: string;
  b: string;
  duplicate: boolean;
  /** What kind of pair it is (paraphrase, excerpt, distinct-same-theme…), for per-kind figures. */
  kind?: string;
}

export interface ScoredPair<P extends LabelledPair = LabelledPair> {
  pair: P;
  score: number;
}

export interface QualityAtThreshold {
  threshold: number;
  /** Flagged pairs that are duplicates / all flagged pairs; 1 when nothing is flagged. */
  precision: number;
  /** Flagged duplicates / all duplicates; 1 when there are no duplicates. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

export interface KindSummary {
  kind: string;
  pairs: number;
  /** How many pairs of this kind score at or above the threshold. */
  flagged: number;
  minScore: number;
  meanScore: number;
  maxScore: number;
}

/** Embeds every distinct text once and scores each pair by the cosine of its two vectors. */
export async function scorePairs<P extends LabelledPair>(
  embedder: Embedder,
  pairs: readonly P[],
  options: EmbedOptions = {},
): Promise<Array<ScoredPair<P>>> {
  const indexOf = new Map<string, number>();
  for (const pair of pairs) {
    for (const text of [pair.a, pair.b]) if (!indexOf.has(text)) indexOf.set(text, indexOf.size);
  }
  const vectors = await embedder.embed([...indexOf.keys()], options);
  const vector = (text: string): Float32Array => vectors[indexOf.get(text)!]!;
  return pairs.map((pair) => ({ pair, score: cosineSimilarity(vector(pair.a), vector(pair.b)) }));
}

export function qualityAt(scored: ReadonlyArray<ScoredPair>, threshold: number): QualityAtThreshold {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  for (const { pair, score } of scored) {
    const flagged = score >= threshold;
    if (flagged && pair.duplicate) truePositives += 1;
    else if (flagged) falsePositives += 1;
    else if (pair.duplicate) falseNegatives += 1;
    else trueNegatives += 1;
  }
  const precision =
    truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, precision, recall, f1, truePositives, falsePositives, falseNegatives, trueNegatives };
}

/**
 * The threshold of best F1 on these pairs. Candidates are the midpoints between consecutive
 * distinct scores (a threshold on a score itself would sit on a knife's edge); among equal
 * F1, the one leaving the widest gap to the nearest score wins.
 */
export function bestThreshold(scored: ReadonlyArray<ScoredPair>): QualityAtThreshold {
  const scores = [...new Set(scored.map((s) => s.score))].sort((x, y) => x - y);
  if (scores.length === 0) return qualityAt(scored, 0.5);
  const candidates: Array<{ threshold: number; gap: number }> = [{ threshold: scores[0]! - 1e-6, gap: 0 }];
  for (let i = 1; i < scores.length; i += 1) {
    candidates.push({ threshold: (scores[i - 1]! + scores[i]!) / 2, gap: scores[i]! - scores[i - 1]! });
  }
  candidates.push({ threshold: scores.at(-1)! + 1e-6, gap: 0 });
  let best: { quality: QualityAtThreshold; gap: number } | null = null;
  for (const { threshold, gap } of candidates) {
    const quality = qualityAt(scored, threshold);
    if (!best || quality.f1 > best.quality.f1 || (quality.f1 === best.quality.f1 && gap > best.gap)) {
      best = { quality, gap };
    }
  }
  return best!.quality;
}

/** Score range and flag count per kind of pair, in order of first appearance. */
export function summariseByKind(scored: ReadonlyArray<ScoredPair>, threshold: number): KindSummary[] {
  const byKind = new Map<string, number[]>();
  for (const { pair, score } of scored) {
    const kind = pair.kind ?? (pair.duplicate ? 'duplicate' : 'distinct');
    byKind.set(kind, [...(byKind.get(kind) ?? []), score]);
  }
  return [...byKind].map(([kind, scores]) => ({
    kind,
    pairs: scores.length,
    flagged: scores.filter((score) => score >= threshold).length,
    minScore: Math.min(...scores),
    meanScore: scores.reduce((total, score) => total + score, 0) / scores.length,
    maxScore: Math.max(...scores),
  }));
}

/** One line: "P 0.95 R 0.93 F1 0.94 at 0.40 (tp 50, fp 3, fn 4, tn 39)". */
export function formatQuality(quality: QualityAtThreshold): string {
  const q = quality;
  return (
    `P ${q.precision.toFixed(3)} R ${q.recall.toFixed(3)} F1 ${q.f1.toFixed(3)} at ${q.threshold.toFixed(3)}` +
    ` (tp ${q.truePositives}, fp ${q.falsePositives}, fn ${q.falseNegatives}, tn ${q.trueNegatives})`
  );
}
