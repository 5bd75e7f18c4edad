/**
 * A linear story's graph: a cover that says the title, then one page per entry of `pages`,
 * each playing into the next (autoplay), the last one ending the story.
 */
import { randomUUID } from 'node:crypto';

import type { StoryGraph } from '../../../device-bridge/pack/story-graph';
import { graphFromOutline, type OutlineStage } from '../../../device-bridge/pack/story-outline';

export function linearGraph(title: string, pages: readonly string[]): StoryGraph {
  const ids = pages.map(() => randomUUID());
  const stages: OutlineStage[] = [
    { id: randomUUID(), name: title, kind: 'cover', text: title, next: ids.slice(0, 1) },
    ...pages.map((text, i) => ({
      id: ids[i]!,
      name: `Page ${i + 1}`,
      kind: 'story' as const,
      text,
      next: ids.slice(i + 1, i + 2),
    })),
  ];
  return graphFromOutline(stages, () => randomUUID());
}
