/**
 * Reciprocal rank fusion: each list gives a story 1 / (k + rank), ranks from 1, and the sums
 * order the result. It needs no common scale between BM25 and cosine, and k = 60 (the value
 * of Cormack et al.) keeps one list's top result from drowning agreement between lists.
 */
export const RRF_K = 60;

export function fuseRanks(lists: readonly (readonly string[])[], k = RRF_K): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1)));
  }
  // Ties keep the order of first appearance (keyword list first): Array.sort is stable.
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
