/**
 * The story graph a Lunii pack folder holds, rebuilt from `ni`/`li` (lunii-pack-reader.ts).
 * A pack on the box keeps no node ids, names or texts: the cover takes the pack's UUID (as
 * STUdio expects of the first stage node) and the other nodes get UUIDs derived from the pack
 * UUID and their position, so exporting the same pack twice gives the same ids.
 */
import { createHash } from 'node:crypto';

import type {
  ActionNode,
  AudioRef,
  ImageRef,
  StageNode,
  StoryGraph,
  Transition,
} from '../../pack/story-graph';
import type { LuniiPackContents, LuniiPackTransition } from './lunii-pack-reader';

export interface PackAssetRefs {
  /** Per `ri` entry, the picture it was converted to. */
  images: ImageRef[];
  /** Per `si` entry. */
  sounds: AudioRef[];
}

export function luniiPackToGraph(
  pack: LuniiPackContents,
  packUuid: string,
  assets: PackAssetRefs,
): StoryGraph {
  const coverId = packUuid.toLowerCase();
  const stageId = (i: number): string => (i === 0 ? coverId : derivedUuid(coverId, `stage:${i}`));
  const actionId = (i: number): string =>
    derivedUuid(coverId, `action:${pack.actions[i]!.liIndex}:${pack.actions[i]!.options.length}`);
  const link = (transition: LuniiPackTransition | null): Transition | null =>
    transition && { action: actionId(transition.actionIndex), optionIndex: transition.optionIndex };

  const stages = pack.stages.map((stage, i): StageNode => ({
    id: stageId(i),
    name: '',
    ...(i === 0 ? { kind: 'cover' as const } : {}),
    text: '',
    image: stage.imageIndex >= 0 ? assets.images[stage.imageIndex]! : null,
    audio: stage.soundIndex >= 0 ? assets.sounds[stage.soundIndex]! : null,
    controls: { ...stage.controls },
    ok: link(stage.ok),
    home: link(stage.home),
    end: stage.ok === null,
  }));
  const actions = pack.actions.map((action, i): ActionNode => ({
    id: actionId(i),
    name: '',
    options: action.options.map(stageId),
  }));
  return { coverId, stages, actions };
}

/** A name-based UUID (RFC 4122 version 5 layout) under the pack's UUID. */
function derivedUuid(namespace: string, name: string): string {
  const hash = createHash('sha1').update(`${namespace}/${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
