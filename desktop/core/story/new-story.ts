/** A fresh story's starting point: a cover and one page of text that ends the story. */
import type { StoryGraph } from '../../../device-bridge/pack/story-graph';
import { linearGraph } from './linear-graph';
import type { StoryMeta } from './story';

export function newStoryGraph(title: string): StoryGraph {
  return linearGraph(title, ['']);
}

export const NEW_STORY_DEFAULTS: Omit<StoryMeta, 'title'> = {
  summary: '',
  language: 'fr',
  ageRange: '4-6',
  tags: [],
  durationSec: 0,
  author: '',
  aiGenerated: false,
  aiProvenance: null,
  moderation: 'unchecked',
  nightMode: false,
};
