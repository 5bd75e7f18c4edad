/**
 * STUdio's story.json ↔ our story graph. STUdio has no "end" flag: a stage with no OK
 * transition is where the box goes back to its menu, so that is what `end` maps to. Our stage
 * texts have no place in story.json; they travel in talemo.json (see studio-schema.ts).
 */
import {
  ACTION_KINDS,
  STAGE_KINDS,
  type ActionNode,
  type AudioRef,
  type ImageRef,
  type StageNode,
  type StoryGraph,
  type Transition,
} from '../../pack/story-graph';
import type { AudioMime, ImageMime } from './asset-sniff';
import {
  TALEMO_SIDECAR_FORMAT,
  type StudioActionNode,
  type StudioStageNode,
  type StudioStory,
  type TalemoSidecar,
} from './studio-schema';

/** STUdio's MIME → extension map (ArchiveStoryPackWriter), for asset names `<sha1>.<ext>`. */
export const STUDIO_EXTENSIONS: Record<ImageMime | AudioMime, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/bmp': 'bmp',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
};

// Why: STUdio writes these when its editor had no title or node name; they are not names.
const MISSING_TITLE = 'MISSING_PACK_TITLE';
const MISSING_NAME = 'MISSING_NAME';

export interface StudioPackInfo {
  title: string | null;
  description: string | null;
  /** story.json `version`, the pack's own version (not the format's). */
  packVersion: number;
  nightMode: boolean;
}

/** Where the graph finds an asset that story.json names by file name in assets/. */
export interface StudioAssetResolver {
  image(fileName: string): ImageRef;
  audio(fileName: string): AudioRef;
}

export function studioPackInfo(story: StudioStory): StudioPackInfo {
  return {
    title: story.title && story.title !== MISSING_TITLE ? story.title : null,
    description: story.description ?? null,
    packVersion: story.version,
    nightMode: story.nightModeAvailable ?? false,
  };
}

/** The cover: the node marked squareOne, else the first (as STUdio's reader decides). */
export function studioCoverId(story: StudioStory): string {
  return (story.stageNodes.find((node) => node.squareOne) ?? story.stageNodes[0]!).uuid;
}

export function studioToGraph(
  story: StudioStory,
  assets: StudioAssetResolver,
  texts: Record<string, string> = {},
): StoryGraph {
  const stages = story.stageNodes.map((node): StageNode => ({
    id: node.uuid,
    name: nodeName(node),
    ...(isOneOf(STAGE_KINDS, node.type) ? { kind: node.type } : {}),
    text: Object.hasOwn(texts, node.uuid) ? texts[node.uuid]! : '',
    image: node.image ? assets.image(node.image) : null,
    audio: node.audio ? assets.audio(node.audio) : null,
    controls: { ...node.controlSettings },
    ok: transitionFromStudio(node.okTransition),
    home: transitionFromStudio(node.homeTransition),
    end: !node.okTransition,
    ...(node.position ? { position: { x: node.position.x, y: node.position.y } } : {}),
    ...(node.groupId != null ? { groupId: node.groupId } : {}),
  }));
  const actions = story.actionNodes.map((node): ActionNode => ({
    id: node.id,
    name: nodeName(node),
    ...(isOneOf(ACTION_KINDS, node.type) ? { kind: node.type } : {}),
    options: [...node.options],
    ...(node.position ? { position: { x: node.position.x, y: node.position.y } } : {}),
  }));
  return { coverId: studioCoverId(story), stages, actions };
}

/**
 * story.json for a graph, keys in STUdio's write order, cover first with squareOne (the
 * first stage node's uuid is the pack's identity on a Lunii).
 */
export function graphToStudio(
  graph: StoryGraph,
  info: StudioPackInfo,
  assetName: (asset: ImageRef | AudioRef) => string,
): StudioStory {
  const cover = graph.stages.filter((stage) => stage.id === graph.coverId);
  const stages = [...cover, ...graph.stages.filter((stage) => stage.id !== graph.coverId)];
  return {
    format: 'v1',
    ...(info.title !== null ? { title: info.title } : {}),
    ...(info.description !== null ? { description: info.description } : {}),
    version: info.packVersion,
    nightModeAvailable: info.nightMode,
    stageNodes: stages.map((stage): StudioStageNode => ({
      uuid: stage.id,
      name: stage.name,
      ...(stage.kind ? { type: stage.kind } : {}),
      ...(stage.groupId !== undefined ? { groupId: stage.groupId } : {}),
      ...(stage.position ? { position: { x: stage.position.x, y: stage.position.y } } : {}),
      ...(stage.id === graph.coverId ? { squareOne: true } : {}),
      image: stage.image ? assetName(stage.image) : null,
      audio: stage.audio ? assetName(stage.audio) : null,
      okTransition: stage.end ? null : transitionToStudio(stage.ok),
      homeTransition: transitionToStudio(stage.home),
      controlSettings: {
        wheel: stage.controls.wheel,
        ok: stage.controls.ok,
        home: stage.controls.home,
        pause: stage.controls.pause,
        autoplay: stage.controls.autoplay,
      },
    })),
    actionNodes: graph.actions.map((action): StudioActionNode => ({
      id: action.id,
      name: action.name,
      ...(action.kind ? { type: action.kind } : {}),
      ...(action.position ? { position: { x: action.position.x, y: action.position.y } } : {}),
      options: [...action.options],
    })),
  };
}

/** talemo.json: the texts of the stages that have any, and the caller's story metadata. */
export function graphToSidecar(graph: StoryGraph, story: unknown): TalemoSidecar {
  const texts: Record<string, string> = {};
  for (const stage of graph.stages) if (stage.text) texts[stage.id] = stage.text;
  return { format: TALEMO_SIDECAR_FORMAT, texts, ...(story !== undefined ? { story } : {}) };
}

function nodeName(node: { name?: string | null | undefined }): string {
  return node.name && node.name !== MISSING_NAME ? node.name : '';
}

function transitionFromStudio(transition: StudioStageNode['okTransition']): Transition | null {
  return transition ? { action: transition.actionNode, optionIndex: transition.optionIndex } : null;
}

function transitionToStudio(transition: Transition | null): StudioStageNode['okTransition'] {
  return transition ? { actionNode: transition.action, optionIndex: transition.optionIndex } : null;
}

function isOneOf<T extends string>(values: readonly T[], value: string | null | undefined): value is T {
  return (values as readonly (string | null | undefined)[]).includes(value);
}
