/**
 * The duplicate guard's score: an embedder's cosine put on one scale shared by every
 * embedder, so a library's threshold (default 0.85) keeps its meaning when the model changes.
 *
 * Why: cosines of two embedders are not comparable. Copies score 0.5–1 with the hashed n-gram
 * embedder, whose different stories stay under 0.35, while a neural sentence model puts even
 * unrelated texts at 0.6 and more. Each embedder therefore states the cosine where its
 * measured boundary between copies and different stories lies (`duplicateCosine`, the
 * threshold of best F1 on `models/dedupe-dev-set`), and the score maps that cosine to 0.85,
 * piecewise linearly: 0 stays 0 (and below), 1 stays 1 (the same text), the order of pairs
 * never changes. An embedder whose boundary is 0.85 gets its plain cosine back.
 */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.85;

function checkBoundary(boundary: number): void {
  if (!(boundary > 0 && boundary < 1))
    throw new RangeError(`an embedder's duplicate cosine must be in (0, 1), got ${boundary}`);
}

/** The score, in [0, 1], of a cosine for an embedder whose boundary cosine is `boundary`. */
export function duplicateScore(cosine: number, boundary: number): number {
  checkBoundary(boundary);
  const knee = DEFAULT_DUPLICATE_THRESHOLD;
  if (!(cosine > 0)) return 0;
  if (cosine >= 1) return 1;
  return cosine <= boundary
    ? (knee * cosine) / boundary
    : knee + ((1 - knee) * (cosine - boundary)) / (1 - boundary);
}

/** The cosine whose score is `score`: the KNN cut-off of a threshold. */
export function cosineAtScore(score: number, boundary: number): number {
  checkBoundary(boundary);
  const knee = DEFAULT_DUPLICATE_THRESHOLD;
  if (score <= 0) return 0;
  if (score >= 1) return 1;
  return score <= knee
    ? (score * boundary) / knee
    : boundary + ((score - knee) * (1 - boundary)) / (1 - knee);
}
