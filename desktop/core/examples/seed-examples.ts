/** Puts the example stories, with generated cover art and chime placeholders, into a library. */
import { createHash } from 'node:crypto';

import { graphFromOutline, type OutlineStage } from '../../../device-bridge/pack/story-outline';
import type { Library } from '../library/library';
import { NarrationStore } from '../narration/narration-store';
import { estimateReadingSeconds } from '../story/reading-time';
import { EXAMPLE_STORIES, type ExampleStory } from './example-stories';
import { chime, paintCover } from './placeholder-media';

const SEEDED_KEY = 'examples_seeded';

/** Seeds once per library: a parent who deletes the examples does not get them back. */
export async function seedExamplesOnce(library: Library): Promise<number> {
  if (library.getMeta(SEEDED_KEY)) return 0;
  for (const example of EXAMPLE_STORIES) await seedExample(library, example);
  library.setMeta(SEEDED_KEY, new Date().toISOString());
  return EXAMPLE_STORIES.length;
}

async function seedExample(library: Library, example: ExampleStory): Promise<void> {
  const { top, bottom, moon } = example.palette;
  const cover = await library.assets.putBytes(paintCover(top, bottom, moon), 'image/png');
  const stages: OutlineStage[] = [];
  for (const [index, stage] of example.stages.entries()) {
    // Why a different note per node: each placeholder is a distinct file, as real narration will be.
    const audio = await library.assets.putBytes(chime(392 + index * 49), 'audio/wav');
    stages.push({
      ...stage,
      image: stage.kind === 'cover' ? { hash: cover.hash, mime: 'image/png' } : null,
      audio: { hash: audio.hash, mime: 'audio/wav' },
    });
  }
  const graph = graphFromOutline(stages, (stage) => derivedUuid(`${stage.id}:next`));
  const story = library.stories.insert(
    { ...example.meta, durationSec: estimateReadingSeconds(graph) },
    graph,
  );
  // Why recorded as placeholders: the chimes stand in for a voice, so "Read the story aloud"
  // replaces them, whereas a person's recording would be kept.
  const narration = new NarrationStore(library.db);
  for (const stage of story.graph.stages)
    if (stage.audio)
      narration.recordNode(story.id, {
        nodeId: stage.id,
        source: 'placeholder',
        audioHash: stage.audio.hash,
        cacheKey: null,
        speaker: 'voice',
        profileId: null,
      });
}

/** A stable UUID-shaped id derived from a name, so seeded graphs are identical everywhere. */
function derivedUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
