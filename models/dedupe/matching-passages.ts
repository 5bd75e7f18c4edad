/**
 * The passages two texts share: both are split into chunks, every chunk is embedded, and the
 * chunk pairs with the highest cosine are reported, best first, each chunk used at most once
 * (so one repeated sentence does not fill the list).
 */
import type { Embedder } from '../embed/embedder';
import { duplicateScore } from './duplicate-score';
import { splitIntoChunks } from './text-chunks';

export interface MatchingPassage {
  /** A passage of the text being checked. */
  text: string;
  /** The passage of the other story it matches. */
  otherText: string;
  /** On the guard's common scale, as a match's score. */
  score: number;
}

export const DEFAULT_PASSAGES = 3;

export async function matchingPassages(
  embedder: Embedder,
  text: string,
  otherText: string,
  limit = DEFAULT_PASSAGES,
): Promise<MatchingPassage[]> {
  const mine = splitIntoChunks(text);
  const theirs = splitIntoChunks(otherText);
  if (mine.length === 0 || theirs.length === 0 || limit < 1) return [];
  const vectors = await embedder.embed([...mine, ...theirs]);
  const a = vectors.slice(0, mine.length);
  const b = vectors.slice(mine.length);
  const pairs: { i: number; j: number; score: number }[] = [];
  for (let i = 0; i < a.length; i += 1) {
    for (let j = 0; j < b.length; j += 1) {
      const score = dot(a[i]!, b[j]!);
      if (score > 0) pairs.push({ i, j, score });
    }
  }
  pairs.sort((x, y) => y.score - x.score);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const passages: MatchingPassage[] = [];
  for (const pair of pairs) {
    if (passages.length >= limit) break;
    if (usedA.has(pair.i) || usedB.has(pair.j)) continue;
    usedA.add(pair.i);
    usedB.add(pair.j);
    passages.push({
      text: mine[pair.i]!,
      otherText: theirs[pair.j]!,
      score: round(duplicateScore(pair.score, embedder.duplicateCosine)),
    });
  }
  return passages;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}

export function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
