/**
 * The linear version is right when a child who follows its prompts hears exactly what a
 * Lunii plays for the same choices. Each graph is walked down every path (up to a number of
 * choices, for loops): once on the graph as a Lunii reads it, once on the chapters as a
 * child hears them, skipping where the prompt's words say.
 */
import { describe, expect, it } from 'vitest';

import { graphFromOutline, type OutlineStage } from '../../pack/story-outline';
import { MENU_CONTROLS, STORY_CONTROLS, type StageNode, type StoryGraph } from '../../pack/story-graph';
import { LinearizeError } from './linearize-error';
import { linearizeStory, type LinearStory } from './linearize-story';

type Stop = 'end' | 'choice' | 'too-long';
interface Heard {
  stages: string[];
  /** How many options were offered at each choice made, then at the one left open. */
  offered: number[];
  stop: Stop;
}

const MAX_STAGES = 200;

/** The graph as a Lunii plays it: the wheel-honouring or random transitions are where `choices` are used. */
function luniiPlays(graph: StoryGraph, choices: number[]): Heard {
  const stages = new Map(graph.stages.map((stage) => [stage.id, stage]));
  const actions = new Map(graph.actions.map((action) => [action.id, action]));
  const heard: Heard = { stages: [], offered: [], stop: 'too-long' };
  let stage: StageNode = stages.get(graph.coverId)!;
  let made = 0;
  while (heard.stages.length < MAX_STAGES) {
    heard.stages.push(stage.id);
    if (stage.end || !stage.ok) return { ...heard, stop: 'end' };
    const options = actions.get(stage.ok.action)!.options;
    const landing = options[Math.max(0, stage.ok.optionIndex)]!;
    const isChoice =
      options.length > 1 && (stage.ok.optionIndex === -1 || stages.get(landing)!.controls.wheel);
    let next = landing;
    if (isChoice) {
      heard.offered.push(options.length);
      if (made === choices.length) return { ...heard, stop: 'choice' };
      next = options[choices[made++]!]!;
    }
    stage = stages.get(next)!;
  }
  return heard;
}

const CHAPTER_NUMBER = /chap(?:ter|itre) (\d+)/g;
const END_WORDS = /^(The end\.|Fin\.)$/;

/** A child on a Toniebox: listens, and at a prompt skips to the chapter its words name. */
function childHears(linear: LinearStory, choices: number[]): Heard {
  const heard: Heard = { stages: [], offered: [], stop: 'too-long' };
  let number = 1;
  let made = 0;
  while (heard.stages.length < MAX_STAGES) {
    const chapter = linear.chapters[number - 1];
    if (!chapter) throw new Error(`a prompt sent the child to chapter ${number}, which does not exist`);
    let prompt: string | null = null;
    for (const part of chapter.parts) {
      if (part.kind === 'stage') heard.stages.push(part.stageId);
      else prompt = part.text;
    }
    if (prompt === null) {
      // No prompt: the box plays on, or stops after its last chapter.
      if (number === linear.chapters.length) return { ...heard, stop: 'end' };
      number += 1;
      continue;
    }
    if (END_WORDS.test(prompt)) return { ...heard, stop: 'end' };
    const named = [...prompt.matchAll(CHAPTER_NUMBER)].map((match) => Number(match[1]));
    if (named.length === 0) throw new Error(`the prompt "${prompt}" names no chapter`);
    if (named.length === 1) {
      number = named[0]!;
      continue;
    }
    heard.offered.push(named.length);
    if (made === choices.length) return { ...heard, stop: 'choice' };
    number = named[choices[made++]!]!;
  }
  return heard;
}

/** Every sequence of choices up to `maxChoices`, each walked both ways; returns the paths that end. */
function walkEveryPath(graph: StoryGraph, linear: LinearStory, maxChoices: number): number {
  let ended = 0;
  const pending: number[][] = [[]];
  while (pending.length > 0) {
    const choices = pending.pop()!;
    const lunii = luniiPlays(graph, choices);
    expect(childHears(linear, choices), `choices ${JSON.stringify(choices)}`).toEqual(lunii);
    expect(lunii.stop).not.toBe('too-long');
    if (lunii.stop === 'end') ended += 1;
    else if (choices.length < maxChoices)
      for (let option = 0; option < lunii.offered[lunii.offered.length - 1]!; option += 1)
        pending.push([...choices, option]);
  }
  return ended;
}

/** An outline stage; `kind` defaults to a story page. */
function page(id: string, next: string[], kind: OutlineStage['kind'] = 'story'): OutlineStage {
  return { id, name: id, kind, text: `Words of ${id}.`, next };
}

const outline = (stages: OutlineStage[]): StoryGraph => graphFromOutline(stages, (stage) => `to-${stage.id}`);

/** Cover, a question with three options; the first has a nested choice; two paths meet again. */
const NESTED: StoryGraph = outline([
  page('cover', ['intro'], 'cover'),
  page('intro', ['which-way']),
  page('which-way', ['forest', 'sea', 'hill'], 'menu.questionstage'),
  page('forest', ['forest-walk'], 'menu.optionstage'),
  page('forest-walk', ['owl-or-fox']),
  page('owl-or-fox', ['owl', 'fox'], 'menu.questionstage'),
  page('owl', ['owl-talk'], 'menu.optionstage'),
  page('owl-talk', ['meeting']),
  page('fox', ['fox-run'], 'menu.optionstage'),
  page('fox-run', []),
  page('sea', ['boat'], 'menu.optionstage'),
  page('boat', ['meeting']),
  page('meeting', ['home-again']),
  page('home-again', []),
  page('hill', ['top'], 'menu.optionstage'),
  page('top', []),
]);

/** A choice whose "try again" path leads back to an earlier page. */
const LOOP: StoryGraph = outline([
  page('cover', ['door'], 'cover'),
  page('door', ['knock']),
  page('knock', ['again', 'leave'], 'menu.questionstage'),
  page('again', ['wait'], 'menu.optionstage'),
  page('wait', ['door']),
  page('leave', ['bye'], 'menu.optionstage'),
  page('bye', []),
]);

/** A random transition (-1) among story pages, which a Lunii draws and a child picks. */
function randomGraph(): StoryGraph {
  const graph = outline([
    page('cover', ['start'], 'cover'),
    page('start', ['luck-1', 'luck-2', 'luck-3']),
    page('luck-1', ['after']),
    page('luck-2', []),
    page('luck-3', ['after']),
    page('after', []),
  ]);
  return {
    ...graph,
    stages: graph.stages.map((stage) =>
      stage.id === 'start' ? { ...stage, ok: { action: 'to-start', optionIndex: -1 } } : stage,
    ),
  };
}

describe('linearizeStory', () => {
  it('should end the example choice with a French prompt naming each option’s chapter', () => {
    const graph = outline([
      page('cover', ['chanson'], 'cover'),
      page('chanson', ['question']),
      { ...page('question', ['foret', 'riviere'], 'menu.questionstage') },
      { ...page('foret', ['dans-la-foret'], 'menu.optionstage'), name: 'La forêt' },
      { ...page('riviere', ['au-bord'], 'menu.optionstage'), name: 'La rivière' },
      page('dans-la-foret', []),
      page('au-bord', []),
    ]);
    const linear = linearizeStory(graph, { language: 'fr', title: 'Lila' });
    expect(linear.chapters.map((chapter) => chapter.title)).toEqual(['Lila', 'La forêt', 'La rivière']);
    expect(linear.chapters[0]!.parts.at(-1)).toEqual({
      kind: 'prompt',
      text: 'Pour choisir La forêt, passe au chapitre 2. Pour choisir La rivière, passe au chapitre 3.',
    });
    expect(linear.chapters[1]!.parts.map((p) => (p.kind === 'stage' ? p.stageId : p.text))).toEqual([
      'foret',
      'dans-la-foret',
      'Fin.',
    ]);
    expect(linear.promptTexts).toEqual([
      'Pour choisir La forêt, passe au chapitre 2. Pour choisir La rivière, passe au chapitre 3.',
      'Fin.',
    ]);
    expect(walkEveryPath(graph, linear, 3)).toBe(2);
  });

  it('should play every path of nested choices, a three-way choice and a shared ending as a Lunii does', () => {
    const linear = linearizeStory(NESTED, { language: 'en', title: 'Which way?' });
    expect(walkEveryPath(NESTED, linear, 5)).toBe(4);
    // The meeting, reached from the owl and from the boat, is told once.
    const told = linear.chapters.flatMap((c) =>
      c.parts.flatMap((p) => (p.kind === 'stage' ? [p.stageId] : [])),
    );
    expect(told.filter((id) => id === 'meeting')).toHaveLength(1);
    expect(new Set(told).size).toBe(told.length);
    expect(told.sort()).toEqual(NESTED.stages.map((stage) => stage.id).sort());
    // After the choice, doing nothing plays the first option.
    const first = linear.chapters[0]!.parts.at(-1)!;
    expect(first.kind === 'prompt' && first.text).toMatch(/^To choose forest, skip to chapter 2\./);
  });

  it('should send a child back to an earlier chapter where the story loops', () => {
    const linear = linearizeStory(LOOP, { language: 'en', title: 'Knock knock' });
    // Every way out of up to five rounds of "again" ends at "bye".
    expect(walkEveryPath(LOOP, linear, 6)).toBe(6);
    const prompts = linear.chapters.flatMap((c) =>
      c.parts.flatMap((p) => (p.kind === 'prompt' ? [p.text] : [])),
    );
    expect(prompts.some((text) => /^Now go back to chapter \d+\.$/.test(text))).toBe(true);
  });

  it('should let the child draw the lot of a random transition', () => {
    const graph = randomGraph();
    const linear = linearizeStory(graph, { language: 'fr', title: 'Au hasard' });
    expect(walkEveryPath(graph, linear, 2)).toBe(3);
    // "after" follows luck-1 as chapter 3; luck-3 is sent back to it.
    expect(linear.promptTexts).toEqual([
      'Pour une surprise, choisis : chapitre 2, chapitre 4 ou chapitre 5.',
      'Fin.',
      'Maintenant, retourne au chapitre 3.',
    ]);
  });

  it('should follow a fixed option where the wheel is off, as a Lunii plays it, with no prompt', () => {
    const base = outline([
      page('cover', ['a'], 'cover'),
      page('a', ['left', 'right']),
      page('left', []),
      page('right', []),
    ]);
    const graph = {
      ...base,
      stages: base.stages.map((stage) =>
        stage.id === 'a' ? { ...stage, ok: { action: 'to-a', optionIndex: 1 } } : stage,
      ),
    };
    const linear = linearizeStory(graph, { language: 'en', title: 'Right' });
    expect(linear.branching).toBe(false);
    expect(luniiPlays(graph, []).stages).toEqual(['cover', 'a', 'right']);
    expect(walkEveryPath(graph, linear, 1)).toBe(1);
    expect(linear.promptTexts).toEqual([]);
  });

  it('should give a story with no choice a chapter per page, the cover opening the first', () => {
    const graph = outline([
      page('cover', ['p1'], 'cover'),
      page('p1', ['p2']),
      page('p2', ['p3']),
      page('p3', []),
    ]);
    const linear = linearizeStory(graph, { language: 'en', title: 'Pip' });
    expect(linear.chapters.map((c) => c.parts.map((p) => (p.kind === 'stage' ? p.stageId : p.text)))).toEqual(
      [['cover', 'p1'], ['p2'], ['p3']],
    );
    expect(linear.chapters.map((c) => c.title)).toEqual(['Pip', 'p2', 'p3']);
    expect(walkEveryPath(graph, linear, 0)).toBe(1);
  });

  it('should not depend on the order the graph lists its nodes in', () => {
    const shuffled: StoryGraph = {
      ...NESTED,
      stages: [...NESTED.stages].reverse(),
      actions: [...NESTED.actions].reverse(),
    };
    const options = { language: 'en' as const, title: 'Which way?' };
    expect(linearizeStory(shuffled, options)).toEqual(linearizeStory(NESTED, options));
  });

  it('should name the node of a broken transition', () => {
    const broken: StoryGraph = {
      coverId: 'cover',
      stages: [
        {
          id: 'cover',
          name: 'Cover',
          text: '',
          image: null,
          audio: null,
          controls: MENU_CONTROLS,
          ok: { action: 'nowhere', optionIndex: 0 },
          home: null,
          end: false,
        },
      ],
      actions: [],
    };
    expect(() => linearizeStory(broken, { language: 'en', title: 'x' })).toThrow(LinearizeError);
    expect(() => linearizeStory(broken, { language: 'en', title: 'x' })).toThrow(/"Cover" leads to nowhere/);
    const outOfRange: StoryGraph = {
      ...broken,
      stages: [
        { ...broken.stages[0]!, ok: { action: 'go', optionIndex: 3 } },
        { ...broken.stages[0]!, id: 'p', controls: STORY_CONTROLS, ok: null, end: true },
      ],
      actions: [{ id: 'go', name: 'Go', options: ['p'] }],
    };
    expect(() => linearizeStory(outOfRange, { language: 'en', title: 'x' })).toThrow(
      /picks option 4 of "Go", which has 1/,
    );
  });
});
