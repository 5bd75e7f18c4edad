/**
 * A story told as a list of stages, each naming the stages OK leads to, turned into the full
 * graph: controls by kind, one action node per stage that goes on, `end` on the last ones.
 * What the example stories and AI drafts are written as; the box-level details stay here.
 */
import {
  MENU_CONTROLS,
  STORY_CONTROLS,
  type ActionNode,
  type Controls,
  type StageNode,
  type StoryGraph,
} from './story-graph';

export interface OutlineStage {
  id: string;
  name: string;
  kind: 'cover' | 'story' | 'menu.questionstage' | 'menu.optionstage';
  text: string;
  /** Ids of the stages OK leads to; more than one makes a choice; none ends the story. */
  next: string[];
  image?: StageNode['image'];
  audio?: StageNode['audio'];
}

const COVER_CONTROLS: Controls = { wheel: true, ok: true, home: false, pause: false, autoplay: false };
/** A question plays by itself and hands over to the option menu. */
const QUESTION_CONTROLS: Controls = { wheel: false, ok: false, home: true, pause: false, autoplay: true };

/**
 * The graph of an outline whose first stage is the cover. `actionId` names the action after a
 * stage (the examples derive stable ids; drafts use fresh ones).
 */
export function graphFromOutline(
  stages: readonly OutlineStage[],
  actionId: (stage: OutlineStage) => string,
): StoryGraph {
  const first = stages[0];
  if (!first) throw new RangeError('an outline needs at least its cover stage');
  const actions: ActionNode[] = [];
  const nodes: StageNode[] = stages.map((stage) => {
    const action = stage.next.length > 0 ? actionId(stage) : null;
    if (action) {
      actions.push({
        id: action,
        name: `${stage.name} →`,
        kind: stage.kind === 'menu.questionstage' ? 'menu.questionaction' : 'action',
        options: stage.next,
      });
    }
    return {
      id: stage.id,
      name: stage.name,
      kind: stage.kind,
      text: stage.text,
      image: stage.image ?? null,
      audio: stage.audio ?? null,
      controls: controlsFor(stage.kind),
      ok: action ? { action, optionIndex: 0 } : null,
      home: null,
      end: stage.next.length === 0,
    };
  });
  return { coverId: first.id, stages: nodes, actions };
}

function controlsFor(kind: OutlineStage['kind']): Controls {
  switch (kind) {
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
