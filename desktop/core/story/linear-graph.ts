/**
 * A linear story's graph: a cover that says the title, then one page per entry of `pages`,
 * each playing into the next (autoplay), the last one ending the story.
 */
import { randomUUID } from 'node:crypto';

import { MENU_CONTROLS, STORY_CONTROLS, type StoryGraph } from '../../../device-bridge/pack/story-graph';

export function linearGraph(title: string, pages: readonly string[]): StoryGraph {
  const coverId = randomUUID();
  const pageIds = pages.map(() => randomUUID());
  const actionIds = pages.map(() => randomUUID());
  return {
    coverId,
    stages: [
      {
        id: coverId,
        name: title,
        kind: 'cover',
        text: title,
        image: null,
        audio: null,
        controls: { ...MENU_CONTROLS, home: false },
        ok: { action: actionIds[0]!, optionIndex: 0 },
        home: null,
        end: false,
      },
      ...pages.map((page, i) => {
        const last = i === pages.length - 1;
        return {
          id: pageIds[i]!,
          name: `Page ${i + 1}`,
          kind: 'story' as const,
          text: page,
          image: null,
          audio: null,
          controls: STORY_CONTROLS,
          ok: last ? null : { action: actionIds[i + 1]!, optionIndex: 0 },
          home: null,
          end: last,
        };
      }),
    ],
    actions: pages.map((_, i) => ({
      id: actionIds[i]!,
      name: i === 0 ? 'Start' : `To page ${i + 1}`,
      kind: 'action' as const,
      options: [pageIds[i]!],
    })),
  };
}
