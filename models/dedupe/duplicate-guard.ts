/**
 * The duplicate guard: the stories most similar to a text, above a threshold, with their
 * scores and the passages that match. It knows an embedder and a vector index, and asks its
 * caller for what lives elsewhere (a story's text, whether a parent already said "not a
 * duplicate" for a pair), so it stays usable without the app.
 */
import type { Embedder } from '../embed/embedder';
import type { VectorIndex } from '../vectors/vector-index';
import { cosineAtScore, duplicateScore } from './duplicate-score';
import { DEFAULT_PASSAGES, matchingPassages, round, type MatchingPassage } from './matching-passages';

export interface DuplicateMatch {
  id: string;
  /** On the guard's common scale (`duplicate-score.ts`): 1 is the same text. */
  score: number;
  passages: MatchingPassage[];
}

export interface DuplicateCheck {
  embedder: Embedder;
  index: VectorIndex;
  text: string;
  /** Score at or above which a story is flagged (the library's setting, 0.85 by default). */
  threshold: number;
  /** The story being checked, when it is already in the library: never its own duplicate. */
  selfId?: string | undefined;
  /** The text of a stored story, for its matching passages (null: gone meanwhile, skipped). */
  textOf(id: string): string | null;
  /** True when a parent marked this story "not a duplicate" of the one checked. */
  isOverridden?: ((otherId: string) => boolean) | undefined;
  /** At most this many matches (10 by default). */
  limit?: number | undefined;
  passages?: number | undefined;
}

const DEFAULT_LIMIT = 10;

export async function findDuplicates(check: DuplicateCheck): Promise<DuplicateMatch[]> {
  const limit = check.limit ?? DEFAULT_LIMIT;
  if (!Number.isFinite(check.threshold)) throw new RangeError('threshold must be a number');
  const boundary = check.embedder.duplicateCosine;
  const minCosine = cosineAtScore(check.threshold, boundary);
  const [query] = await check.embedder.embed([check.text]);
  if (!query) return [];
  // Why more than `limit`: the story itself and overridden pairs are dropped after the search.
  const candidates = check.index.knn(query, Math.min(4096, limit * 2 + 10));
  const matches: DuplicateMatch[] = [];
  for (const candidate of candidates) {
    if (matches.length >= limit || candidate.score < minCosine) break;
    if (candidate.id === check.selfId || check.isOverridden?.(candidate.id)) continue;
    const other = check.textOf(candidate.id);
    if (other === null) continue;
    matches.push({
      id: candidate.id,
      score: round(duplicateScore(candidate.score, boundary)),
      passages: await matchingPassages(check.embedder, check.text, other, check.passages ?? DEFAULT_PASSAGES),
    });
  }
  return matches;
}

/** A pair of stories in one order whichever way it is named, so a decision is stored once. */
export function canonicalPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}
