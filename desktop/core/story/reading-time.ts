/** A story's playing time before it is narrated: words at a calm read-aloud pace. */
import type { StoryGraph } from '../../../device-bridge/pack/story-graph';

/** Read-aloud pace for young children, about 130 words a minute. */
const WORDS_PER_SECOND = 130 / 60;

export function estimateReadingSeconds(graph: StoryGraph): number {
  const words = graph.stages.reduce((sum, stage) => sum + (stage.text.match(/\S+/g)?.length ?? 0), 0);
  return Math.round(words / WORDS_PER_SECOND);
}
