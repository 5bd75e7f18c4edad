/**
 * The JSON files of a STUdio zip, as parsed at the edge: STUdio's story.json, and our own
 * talemo.json that carries what story.json has no place for.
 *
 * Tolerant where real packs vary: enriched fields (name, type, groupId, position, title,
 * description) may be absent or null, and unknown keys are dropped. Strict where a box would
 * misbehave: ids, transitions and control settings must be there and well typed. Sizes
 * match the story graph's, so a pack that passes here also passes storyGraphSchema.
 */
import { z } from 'zod';

import { nodeIdSchema } from '../../pack/story-graph';

const positionSchema = z.object({ x: z.number(), y: z.number() });

const transitionSchema = z.object({
  actionNode: nodeIdSchema,
  // Why -1: STUdio's "random option" port (see story-graph.ts transitionSchema).
  optionIndex: z.number().int().min(-1),
});

const assetNameSchema = z.preprocess((value) => (value === '' ? null : value), z.string().min(1).nullish());

export const studioStageNodeSchema = z.object({
  uuid: nodeIdSchema,
  name: z.string().max(500).nullish(),
  type: z.string().nullish(),
  groupId: z.string().max(100).nullish(),
  position: positionSchema.nullish(),
  squareOne: z.boolean().nullish(),
  /** A file name inside assets/. Some pack generators write "" for "none". */
  image: assetNameSchema,
  audio: assetNameSchema,
  okTransition: transitionSchema.nullish(),
  homeTransition: transitionSchema.nullish(),
  controlSettings: z.object({
    wheel: z.boolean(),
    ok: z.boolean(),
    home: z.boolean(),
    pause: z.boolean(),
    autoplay: z.boolean(),
  }),
});

export const studioActionNodeSchema = z.object({
  id: nodeIdSchema,
  name: z.string().max(500).nullish(),
  type: z.string().nullish(),
  position: positionSchema.nullish(),
  options: z.array(nodeIdSchema).max(1000),
});

export const studioStorySchema = z.object({
  format: z.literal('v1').optional(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  // Why 0..65535: the pack version lands in a u16 of the Lunii node index.
  version: z.number().int().min(0).max(0xffff),
  nightModeAvailable: z.boolean().nullish(),
  stageNodes: z.array(studioStageNodeSchema).min(1).max(5000),
  actionNodes: z.array(studioActionNodeSchema).max(5000),
});

export type StudioStageNode = z.infer<typeof studioStageNodeSchema>;
export type StudioActionNode = z.infer<typeof studioActionNodeSchema>;
export type StudioStory = z.infer<typeof studioStorySchema>;

export const TALEMO_SIDECAR_FORMAT = 'talemo/1';

/** talemo.json: other tools ignore it, so a round trip through them keeps story.json intact. */
export const talemoSidecarSchema = z.object({
  format: z.literal(TALEMO_SIDECAR_FORMAT),
  /** Stage id → the words that stage says. */
  texts: z.record(z.string(), z.string().max(100_000)),
  /** The caller's story metadata (language, age, tags…), carried through untouched. */
  story: z.unknown().optional(),
});

export type TalemoSidecar = z.infer<typeof talemoSidecarSchema>;
