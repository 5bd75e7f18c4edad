/** A fresh story's starting point: a cover and one page of text that ends the story. */
import { randomUUID } from 'node:crypto';

import { MENU_CONTROLS, STORY_CONTROLS, type StoryGraph } from '../../../device-bridge/pack/story-graph';
import type { StoryMeta } from './story';

export function newStoryGraph(title: string): StoryGraph {
  const coverId = randomUUID();
  const pageId = randomUUID();
  const actionId = randomUUID();
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
        ok: { action: actionId, optionIndex: 0 },
        home: null,
        end: false,
      },
      {
        id: pageId,
        name: 'Page 1',
        kind: 'story',
        text: '',
        image: null,
        audio: null,
        controls: STORY_CONTROLS,
        ok: null,
        home: null,
        end: true,
      },
    ],
    actions: [{ id: actionId, name: 'Start', kind: 'action', options: [pageId] }],
  };
}

export const NEW_STORY_DEFAULTS: Omit<StoryMeta, 'title'> = {
  summary: '',
  language: 'fr',
  ageRange: '4-6',
  tags: [],
  durationSec: 0,
  author: '',
  aiGenerated: false,
  moderation: 'unchecked',
  nightMode: false,
};
