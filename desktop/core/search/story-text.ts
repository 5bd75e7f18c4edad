/** The words of a story its vector is made from: title, summary, then every node's text. */
import type { StoryGraph } from '../../../device-bridge/pack/story-graph';

export function storyText(story: { title: string; summary: string; graph: StoryGraph }): string {
  const parts = [story.title, story.summary];
  for (const stage of story.graph.stages) {
    // The cover usually says the title again: once is enough.
    if (stage.text && stage.text !== story.title) parts.push(stage.text);
  }
  return parts.filter((part) => part.trim().length > 0).join('\n\n');
}
