/** Puts the example stories, with generated cover art and chime placeholders, into a library. */
import { createHash } from 'node:crypto';

import type { ActionNode, Controls, StageNode, StoryGraph } from '../../../device-bridge/pack/story-graph';
import { MENU_CONTROLS, STORY_CONTROLS } from '../../../device-bridge/pack/story-graph';
import type { Library } from '../library/library';
import { estimateReadingSeconds } from '../story/reading-time';
import { EXAMPLE_STORIES, type ExampleStage, type ExampleStory } from './example-stories';
import { chime, paintCover } from './placeholder-media';

const SEEDED_KEY = 'examples_seeded';
const COVER_CONTROLS: Controls = { wheel: true, ok: true, home: false, pause: false, autoplay: false };
/** A question plays by itself and hands over to the option menu. */
const QUESTION_CONTROLS: Controls = { wheel: false, ok: false, home: true, pause: false, autoplay: true };

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
  const stages: StageNode[] = [];
  const actions: ActionNode[] = [];
  for (const [index, stage] of example.stages.entries()) {
    // Why a different note per node: each placeholder is a distinct file, as real narration will be.
    const audio = await library.assets.putBytes(chime(392 + index * 49), 'audio/wav');
    const actionId = stage.next.length > 0 ? derivedUuid(`${stage.id}:next`) : null;
    if (actionId)
      actions.push({ id: actionId, name: `${stage.name} →`, kind: actionKind(stage), options: stage.next });
    stages.push({
      id: stage.id,
      name: stage.name,
      kind: stage.kind,
      text: stage.text,
      image: stage.kind === 'cover' ? { hash: cover.hash, mime: 'image/png' } : null,
      audio: { hash: audio.hash, mime: 'audio/wav' },
      controls: controlsFor(stage),
      ok: actionId ? { action: actionId, optionIndex: 0 } : null,
      home: null,
      end: stage.next.length === 0,
    });
  }
  const graph: StoryGraph = { coverId: example.stages[0]!.id, stages, actions };
  library.stories.insert({ ...example.meta, durationSec: estimateReadingSeconds(graph) }, graph);
}

function controlsFor(stage: ExampleStage): Controls {
  switch (stage.kind) {
    case 'cover':
      return COVER_CONTROLS;
    case 'menu.questionstage':
      return QUESTION_CONTROLS;
    case 'menu.optionstage':
      return MENU_CONTROLS;
    case 'story':
      return STORY_CONTROLS;
  }
}

function actionKind(stage: ExampleStage): ActionNode['kind'] {
  return stage.kind === 'menu.questionstage' ? 'menu.questionaction' : 'action';
}

/** A stable UUID-shaped id derived from a name, so seeded graphs are identical everywhere. */
function derivedUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
