import { describe, expect, it } from 'vitest';

import { MENU_CONTROLS, STORY_CONTROLS, type StoryGraph } from '../../pack/story-graph';
import { graphToSidecar, graphToStudio, studioPackInfo, studioToGraph } from './studio-mapping';
import { studioStorySchema, type StudioStory } from './studio-schema';

const HASH = 'a'.repeat(64);
const assets = {
  image: (file: string) => ({ hash: HASH, mime: 'image/png' as const, file }),
  audio: (file: string) => ({ hash: HASH, mime: 'audio/mpeg' as const, file }),
};

/** Two stages; the second is marked squareOne, as a pack edited by hand may have it. */
function studioStory(): StudioStory {
  return studioStorySchema.parse({
    format: 'v1',
    title: 'MISSING_PACK_TITLE',
    version: 4,
    stageNodes: [
      {
        uuid: 'constructor',
        name: 'MISSING_NAME',
        type: 'something.new',
        image: null,
        audio: 'end.mp3',
        okTransition: null,
        homeTransition: null,
        controlSettings: STORY_CONTROLS,
      },
      {
        uuid: 'cover',
        name: 'Cover',
        type: 'cover',
        squareOne: true,
        position: { x: 1, y: 2 },
        image: 'cover.png',
        audio: null,
        okTransition: { actionNode: 'go', optionIndex: -1 },
        homeTransition: null,
        controlSettings: MENU_CONTROLS,
      },
    ],
    actionNodes: [{ id: 'go', type: 'story.storyaction', options: ['constructor'] }],
  });
}

describe('studioToGraph', () => {
  it('should take the squareOne node as the cover and end where OK leads nowhere', () => {
    const graph = studioToGraph(studioStory(), assets, { cover: 'Once upon a time.' });

    expect(graph.coverId).toBe('cover');
    expect(graph.stages[0]).toMatchObject({ id: 'constructor', ok: null, end: true, text: '' });
    expect(graph.stages[1]).toMatchObject({
      text: 'Once upon a time.',
      kind: 'cover',
      ok: { action: 'go', optionIndex: -1 },
      end: false,
      image: { hash: HASH, mime: 'image/png', file: 'cover.png' },
      position: { x: 1, y: 2 },
    });
    expect(graph.actions[0]).toEqual({
      id: 'go',
      name: '',
      kind: 'story.storyaction',
      options: ['constructor'],
    });
  });

  it("should drop STUdio's placeholder names and node types it does not know", () => {
    const story = studioStory();
    const graph = studioToGraph(story, assets);

    expect(graph.stages[0]!.name).toBe('');
    expect(graph.stages[0]).not.toHaveProperty('kind');
    expect(studioPackInfo(story)).toEqual({
      title: null,
      description: null,
      packVersion: 4,
      nightMode: false,
    });
  });
});

describe('graphToStudio', () => {
  const graph: StoryGraph = {
    coverId: 'cover',
    stages: [
      {
        id: 'page',
        name: 'Page',
        text: 'The end.',
        image: null,
        audio: { hash: HASH, mime: 'audio/wav' },
        controls: STORY_CONTROLS,
        ok: { action: 'back', optionIndex: 0 },
        home: null,
        end: true,
      },
      {
        id: 'cover',
        name: 'Cover',
        text: '',
        image: { hash: HASH, mime: 'image/png' },
        audio: null,
        controls: MENU_CONTROLS,
        ok: { action: 'next', optionIndex: 0 },
        home: null,
        end: false,
      },
    ],
    actions: [
      { id: 'next', name: 'next', options: ['page'] },
      { id: 'back', name: 'back', options: ['cover'] },
    ],
  };
  const info = { title: 'Title', description: null, packVersion: 1, nightMode: true };

  it('should put the cover first, alone with squareOne, and write an end as no OK transition', () => {
    const story = graphToStudio(
      graph,
      info,
      (ref) => `${ref.mime === 'audio/wav' ? 'sound' : 'picture'}.ext`,
    );

    expect(story.stageNodes.map((node) => [node.uuid, node.squareOne])).toEqual([
      ['cover', true],
      ['page', undefined],
    ]);
    expect(story.stageNodes[1]).toMatchObject({ audio: 'sound.ext', okTransition: null });
    expect(Object.keys(story)).toEqual([
      'format',
      'title',
      'version',
      'nightModeAvailable',
      'stageNodes',
      'actionNodes',
    ]);
    expect(studioStorySchema.parse(story)).toEqual(story);
  });

  it('should carry stage texts and the caller story in talemo.json', () => {
    expect(graphToSidecar(graph, { language: 'fr' })).toEqual({
      format: 'talemo/1',
      texts: { page: 'The end.' },
      story: { language: 'fr' },
    });
    expect(graphToSidecar(graph, undefined)).not.toHaveProperty('story');
  });
});
