/**
 * The story graph: what a box plays. Stage nodes carry text, narration audio, an image and
 * the device controls; action nodes are choices whose options point at stage nodes.
 *
 * Why here and not in desktop/core: every device compiler (Lunii, TAF, DIY) and the STUdio
 * format read this graph, and device-bridge may not import desktop. The desktop story model
 * (desktop/core/story) wraps it with the library's metadata.
 */
import { z } from 'zod';

/** A node id: STUdio uses UUIDs; we accept any short printable id so hand-written packs work. */
export const nodeIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'a node id may only hold letters, digits and _ . : -');

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');

export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/bmp'] as const;
export const AUDIO_MIME_TYPES = ['audio/mpeg', 'audio/ogg', 'audio/wav'] as const;

/** A file in the content-addressed asset store, named by the SHA-256 of its bytes. */
export const imageRefSchema = z.object({ hash: sha256Schema, mime: z.enum(IMAGE_MIME_TYPES) });
export const audioRefSchema = z.object({ hash: sha256Schema, mime: z.enum(AUDIO_MIME_TYPES) });

/** Which buttons the box honours while a stage plays (Lunii `ni` control settings). */
export const controlsSchema = z.object({
  wheel: z.boolean(),
  ok: z.boolean(),
  home: z.boolean(),
  pause: z.boolean(),
  autoplay: z.boolean(),
});

/**
 * A move to an action node. `optionIndex` picks the option played (or preselected on a
 * menu); -1 means "a random option" (STUdio's random port; its JSON encoding is unconfirmed,
 * see shared/research/devices.md §1.1).
 */
export const transitionSchema = z.object({
  action: nodeIdSchema,
  optionIndex: z.number().int().min(-1),
});

/** STUdio's "enriched" node types, kept so packs round-trip with their editor hints. */
export const STAGE_KINDS = ['cover', 'stage', 'menu.questionstage', 'menu.optionstage', 'story'] as const;
export const ACTION_KINDS = [
  'action',
  'menu.questionaction',
  'menu.optionsaction',
  'story.storyaction',
] as const;

export const positionSchema = z.object({ x: z.number(), y: z.number() });

export const stageNodeSchema = z.object({
  id: nodeIdSchema,
  name: z.string().max(500),
  kind: z.enum(STAGE_KINDS).optional(),
  /** The words this node says; narration is made from them. */
  text: z.string().max(100_000),
  image: imageRefSchema.nullable(),
  audio: audioRefSchema.nullable(),
  controls: controlsSchema,
  /** Where OK (or the end of the audio, with autoplay) leads. Null on an end node. */
  ok: transitionSchema.nullable(),
  /** Where HOME leads; null sends the child back to the box's pack menu. */
  home: transitionSchema.nullable(),
  /** The story ends here: the box goes back to its menu. Required to have no `ok`. */
  end: z.boolean(),
  position: positionSchema.optional(),
  groupId: z.string().max(100).optional(),
});

export const actionNodeSchema = z.object({
  id: nodeIdSchema,
  name: z.string().max(500),
  kind: z.enum(ACTION_KINDS).optional(),
  /** Stage node ids, in the order the wheel offers them. */
  options: z.array(nodeIdSchema).max(1000),
  position: positionSchema.optional(),
});

export const storyGraphSchema = z.object({
  /** The cover stage: the first thing the box shows, and the pack's identity on Lunii. */
  coverId: nodeIdSchema,
  stages: z.array(stageNodeSchema).min(1).max(5000),
  actions: z.array(actionNodeSchema).max(5000),
});

export type ImageRef = z.infer<typeof imageRefSchema>;
export type AudioRef = z.infer<typeof audioRefSchema>;
export type Controls = z.infer<typeof controlsSchema>;
export type Transition = z.infer<typeof transitionSchema>;
export type StageNode = z.infer<typeof stageNodeSchema>;
export type ActionNode = z.infer<typeof actionNodeSchema>;
export type StoryGraph = z.infer<typeof storyGraphSchema>;

/** Controls of a plain story stage: the audio plays and moves on by itself. */
export const STORY_CONTROLS: Controls = { wheel: false, ok: false, home: true, pause: true, autoplay: true };
/** Controls of a cover or a menu stage: the child turns the wheel and presses OK. */
export const MENU_CONTROLS: Controls = { wheel: true, ok: true, home: true, pause: false, autoplay: false };

/** Every asset hash the graph uses, once each, in node order. */
export function graphAssetHashes(graph: StoryGraph): string[] {
  const hashes = new Set<string>();
  for (const stage of graph.stages) {
    if (stage.image) hashes.add(stage.image.hash);
    if (stage.audio) hashes.add(stage.audio.hash);
  }
  return [...hashes];
}
