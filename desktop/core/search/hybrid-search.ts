/**
 * Hybrid search: the keyword ranking (FTS5 BM25) and the vector ranking (KNN on the active
 * embedder) fused by reciprocal rank fusion, both within the library's filters. Keyword hits
 * keep their snippet; a story found only by meaning gets the start of its summary or text.
 */
import type { StoryFilters, StoryRepository, StorySearchHit } from '../library/story-repository';
import { fuseRanks } from './reciprocal-rank-fusion';
import type { StoryVectors } from './story-vectors';

const DEFAULT_LIMIT = 200;
/** How many vector neighbours join the fusion: past the first few, they add noise, not recall. */
const VECTOR_CANDIDATES = 20;
/**
 * A vector neighbour below this cosine is not a hit. Measured with the hashed embedder on the
 * example stories and the search tests' stories: a short query scores 0.17–0.8 against a story
 * it is about (shared words, or a misspelling's character n-grams: "baloon" 0.17 against the
 * balloon story), and up to 0.13 against one it is not about (stray n-grams). Without a floor
 * every story would be "found" by every query. Keyword hits need no floor: BM25 only ranks
 * stories that hold every word.
 */
export const VECTOR_MIN_SCORE = 0.15;
const SNIPPET_CHARS = 120;

export async function hybridSearch(
  stories: StoryRepository,
  vectors: StoryVectors,
  query: string,
  filters: StoryFilters = {},
): Promise<StorySearchHit[]> {
  const limit = filters.limit ?? DEFAULT_LIMIT;
  const keyword = stories.search(query, { ...filters, limit: Math.max(limit, VECTOR_CANDIDATES) });
  const vectorIds = await vectorRanking(stories, vectors, query, filters);
  const byId = new Map(keyword.map((hit) => [hit.story.id, hit]));
  return fuseRanks([keyword.map((hit) => hit.story.id), vectorIds])
    .slice(0, limit)
    .map(({ id, score }) => {
      const hit = byId.get(id);
      if (hit) return { ...hit, score };
      const { graph, summary, title } = stories.get(id);
      const text = summary || graph.stages.find((stage) => stage.text && stage.text !== title)?.text || '';
      return { story: stories.summary(id), score, snippet: excerpt(text) };
    });
}

async function vectorRanking(
  stories: StoryRepository,
  vectors: StoryVectors,
  query: string,
  filters: StoryFilters,
): Promise<string[]> {
  const filtered =
    filters.language !== undefined ||
    filters.ageRange !== undefined ||
    (filters.tags?.length ?? 0) > 0 ||
    filters.minDurationSec !== undefined ||
    filters.maxDurationSec !== undefined;
  const candidates = filtered ? stories.ids({ ...filters, limit: undefined }) : undefined;
  if (candidates?.length === 0) return [];
  const query_ = await vectors.embed(query);
  const matches = vectors.index.knn(query_, VECTOR_CANDIDATES, candidates ? { candidates } : {});
  return matches.filter((match) => match.score >= VECTOR_MIN_SCORE).map((match) => match.id);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= SNIPPET_CHARS ? flat : `${flat.slice(0, SNIPPET_CHARS).replace(/\s+\S*$/, '')}…`;
}
