/**
 * Checks that everything story.json points at exists, before any asset is unpacked: every
 * transition reaches an action node and one of its options, every option a stage node,
 * every asset a file under assets/, and every file under assets/ is used by some node.
 * A box fed a dangling reference crashes or loops, so these are refused, not repaired.
 */
import { StudioPackError } from './studio-pack-error';
import type { StudioStory } from './studio-schema';

export type AssetRole = 'image' | 'audio';

/**
 * @param assetFiles the files in the zip under assets/, by their name relative to assets/.
 * @returns the role each asset file plays, so its bytes can be checked against it.
 */
export function checkStudioReferences(
  story: StudioStory,
  assetFiles: Iterable<string>,
): Map<string, AssetRole> {
  const ids = new Set<string>();
  for (const id of [
    ...story.stageNodes.map((node) => node.uuid),
    ...story.actionNodes.map((node) => node.id),
  ]) {
    if (ids.has(id))
      throw new StudioPackError('invalid-story', `story.json has two nodes with the id ${id}.`);
    ids.add(id);
  }
  const stageIds = new Set(story.stageNodes.map((node) => node.uuid));
  const optionCounts = new Map(story.actionNodes.map((node) => [node.id, node.options.length]));
  for (const action of story.actionNodes) {
    action.options.forEach((target, index) => {
      if (!stageIds.has(target)) {
        throw new StudioPackError(
          'unknown-reference',
          `Option ${index + 1} of action node ${describe(action.name, action.id)} goes to stage ${target}, which is not in story.json.`,
        );
      }
    });
  }

  const roles = new Map<string, AssetRole>();
  for (const stage of story.stageNodes) {
    for (const [button, transition] of [
      ['OK', stage.okTransition],
      ['HOME', stage.homeTransition],
    ] as const) {
      if (!transition) continue;
      const optionCount = optionCounts.get(transition.actionNode);
      if (optionCount === undefined) {
        throw new StudioPackError(
          'unknown-reference',
          `The ${button} transition of stage ${describe(stage.name, stage.uuid)} goes to action node ${transition.actionNode}, which is not in story.json.`,
        );
      }
      if (transition.optionIndex >= optionCount) {
        throw new StudioPackError(
          'unknown-reference',
          `The ${button} transition of stage ${describe(stage.name, stage.uuid)} picks option ${transition.optionIndex + 1} of action node ${transition.actionNode}, which has ${optionCount}.`,
        );
      }
    }
    for (const role of ['image', 'audio'] as const) {
      const file = stage[role];
      if (!file) continue;
      const known = roles.get(file);
      if (known && known !== role) {
        throw new StudioPackError(
          'wrong-asset-type',
          `assets/${file} is used both as an image and as audio (by stage ${describe(stage.name, stage.uuid)}).`,
        );
      }
      roles.set(file, role);
    }
  }

  const present = new Set(assetFiles);
  for (const [file, role] of roles) {
    if (!present.has(file)) {
      throw new StudioPackError(
        'missing-asset',
        `story.json uses assets/${file} as ${role === 'image' ? 'an image' : 'audio'}, but the zip has no such file.`,
      );
    }
  }
  for (const file of present) {
    if (!roles.has(file)) {
      throw new StudioPackError(
        'extra-asset',
        `assets/${file} is in the zip, but no node of story.json uses it.`,
      );
    }
  }
  return roles;
}

function describe(name: string | null | undefined, id: string): string {
  return name ? `"${name}" (${id})` : id;
}
