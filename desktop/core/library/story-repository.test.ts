import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { NEW_STORY_DEFAULTS, newStoryGraph } from '../story/new-story';
import type { StoryMeta } from '../story/story';
import { openLibrary, type Library } from './library';

let dir: string;
let library: Library;

function meta(overrides: Partial<StoryMeta> & { title: string }): StoryMeta {
  return { ...NEW_STORY_DEFAULTS, ...overrides };
}

function withText(title: string, text: string) {
  const graph = newStoryGraph(title);
  graph.stages[1] = { ...graph.stages[1]!, text };
  return graph;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'talemo-repo-'));
  library = openLibrary(dir);
});
afterEach(() => library.close());

describe('stories', () => {
  it('should create, read back, and survive reopening the library file', () => {
    const created = library.stories.insert(
      meta({ title: 'Le dragon timide', tags: ['dragons'] }),
      withText('Le dragon timide', 'Un dragon très timide'),
    );
    expect(created.version).toBe(1);
    library.close();
    library = openLibrary(dir);
    const read = library.stories.get(created.id);
    expect(read).toEqual(created);
    expect(library.stories.summary(created.id)).toMatchObject({ title: 'Le dragon timide', nodeCount: 3 });
  });

  it('should update with the expected version and bump it', () => {
    const story = library.stories.insert(meta({ title: 'One' }), newStoryGraph('One'));
    const updated = library.stories.update(story.id, 1, { title: 'One, revised' });
    expect(updated.version).toBe(2);
    expect(library.stories.get(story.id).title).toBe('One, revised');
  });

  it('should refuse a save based on a stale version and keep the newer one', () => {
    const story = library.stories.insert(meta({ title: 'Shared' }), newStoryGraph('Shared'));
    library.stories.update(story.id, 1, { summary: 'first editor' });
    expect(() => library.stories.update(story.id, 1, { summary: 'second editor' })).toThrow(
      expect.objectContaining({ code: 'conflict', details: { currentVersion: 2 } }),
    );
    expect(library.stories.get(story.id).summary).toBe('first editor');
  });

  it('should detect a conflict between two connections to the same file (app and CLI)', () => {
    const story = library.stories.insert(meta({ title: 'Two windows' }), newStoryGraph('Two windows'));
    const other = openLibrary(dir);
    other.stories.update(story.id, 1, { title: 'Saved by the CLI' });
    expect(() => library.stories.update(story.id, 1, { title: 'Saved by the app' })).toThrow(
      /changed elsewhere/,
    );
    other.close();
  });

  it('should refuse a stale delete and delete with the right version', () => {
    const story = library.stories.insert(meta({ title: 'Gone' }), newStoryGraph('Gone'));
    library.stories.update(story.id, 1, { summary: 'x' });
    expect(() => library.stories.delete(story.id, 1)).toThrow(expect.objectContaining({ code: 'conflict' }));
    library.stories.delete(story.id, 2);
    expect(() => library.stories.get(story.id)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(library.stories.search('Gone')).toEqual([]);
  });

  it('should refuse a graph that uses an asset the library does not hold', () => {
    const graph = newStoryGraph('Ghost image');
    graph.stages[0] = { ...graph.stages[0]!, image: { hash: 'a'.repeat(64), mime: 'image/png' } };
    expect(() => library.stories.insert(meta({ title: 'Ghost image' }), graph)).toThrow(/not in the library/);
    expect(library.stories.count()).toBe(0);
  });
});

describe('keyword search', () => {
  beforeEach(() => {
    library.stories.insert(
      meta({
        title: 'Le dragon timide',
        language: 'fr',
        ageRange: '4-6',
        tags: ['dragons'],
        durationSec: 300,
      }),
      withText('Le dragon timide', "Il était une fois un éléphant et un dragon qui n'osait pas parler."),
    );
    library.stories.insert(
      meta({
        title: 'The shy dragon',
        language: 'en',
        ageRange: '7-9',
        tags: ['dragons', 'friends'],
        durationSec: 900,
      }),
      withText('The shy dragon', 'A dragon who was too shy to roar made a friend at school.'),
    );
    library.stories.insert(
      meta({ title: 'Moon soup', language: 'en', ageRange: '4-6', tags: ['bedtime'], durationSec: 200 }),
      withText('Moon soup', 'Grandma cooked soup for the moon.'),
    );
  });

  it('should rank a title match first and return a snippet around the words', () => {
    const hits = library.stories.search('dragon');
    expect(hits.map((hit) => hit.story.title)).toEqual(
      expect.arrayContaining(['Le dragon timide', 'The shy dragon']),
    );
    expect(hits).toHaveLength(2);
    expect(hits[0]!.snippet).toMatch(/\[dragon\]/i);
  });

  it('should read a stage’s name only when it has no words (audio-only packs), never "Page 1"', () => {
    expect(library.stories.search('page')).toEqual([]);
    const graph = newStoryGraph('Silent pack');
    graph.stages[1] = { ...graph.stages[1]!, name: 'Lullaby for the moon', text: '' };
    library.stories.insert(meta({ title: 'Silent pack' }), graph);
    expect(library.stories.search('lullaby').map((hit) => hit.story.title)).toEqual(['Silent pack']);
  });

  it('should find words in the story text, ignoring accents and case', () => {
    expect(library.stories.search('ELEPHANT').map((hit) => hit.story.title)).toEqual(['Le dragon timide']);
    expect(library.stories.search('éléphant').map((hit) => hit.story.title)).toEqual(['Le dragon timide']);
  });

  it('should match word prefixes and require every word', () => {
    expect(library.stories.search('drag scho').map((hit) => hit.story.title)).toEqual(['The shy dragon']);
  });

  it('should narrow by language, age, tag and duration', () => {
    expect(library.stories.search('dragon', { language: 'fr' }).map((h) => h.story.title)).toEqual([
      'Le dragon timide',
    ]);
    expect(library.stories.search('dragon', { ageRange: '7-9' }).map((h) => h.story.title)).toEqual([
      'The shy dragon',
    ]);
    expect(library.stories.list({ tags: ['friends'] }).map((s) => s.title)).toEqual(['The shy dragon']);
    expect(
      library.stories
        .list({ maxDurationSec: 300 })
        .map((s) => s.title)
        .sort(),
    ).toEqual(['Le dragon timide', 'Moon soup']);
    expect(library.stories.list({ minDurationSec: 301 }).map((s) => s.title)).toEqual(['The shy dragon']);
  });

  it('should give every language and theme of the library for the pickers, beyond any list limit', () => {
    expect(library.stories.list({ limit: 1 })).toHaveLength(1);
    expect(library.stories.facets()).toEqual({
      total: 3,
      languages: ['en', 'fr'],
      tags: ['bedtime', 'dragons', 'friends'],
    });
  });

  it('should treat FTS syntax in a query as plain words', () => {
    expect(() => library.stories.search('dragon" OR title:* NEAR(')).not.toThrow();
    expect(library.stories.search('"moon"').map((h) => h.story.title)).toEqual(['Moon soup']);
  });

  it('should follow edits: the index forgets old words and learns new ones', () => {
    const moon = library.stories.search('soup')[0]!.story;
    const story = library.stories.get(moon.id);
    library.stories.update(moon.id, story.version, {
      graph: withText('Moon soup', 'Grandma baked a star pie.'),
    });
    expect(library.stories.search('soup')).toHaveLength(1); // still in the title
    expect(library.stories.search('cooked')).toEqual([]);
    expect(library.stories.search('pie').map((h) => h.story.title)).toEqual(['Moon soup']);
  });
});
