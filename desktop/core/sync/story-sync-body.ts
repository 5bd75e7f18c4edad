// A library story as the cloud's sync domain stores it (an open JSON body with a `title`), and
// back. The body carries the story's metadata, its graph and where each node's audio came from;
// its files travel separately by SHA-256. A child's recording goes only with both of the
// parent's consents (recording, cloud sync); otherwise that node is sent without audio and
// listed in `withheld`, so computers that pull the story know the audio exists elsewhere and
// the computer that has it keeps it when the story comes back.
import { z } from 'zod';
import {
  graphAssetHashes,
  storyGraphSchema,
  type StoryGraph,
} from '../../../device-bridge/pack/story-graph.js';
import type { Library } from '../library/library.js';
import { NarrationStore, type NodeNarration } from '../narration/narration-store.js';
import { storyMetaSchema, type Story, type StoryMeta } from '../story/story.js';
import type { NewChange } from './sync-outbox.js';
import type { RecordingRef } from './sync-wire.js';

export const STORY_BODY_FORMAT = 'talemo.story/1';

/** What a parent allows for one child, as the app knows it. */
export interface ChildSyncConsent {
  recording: boolean;
  cloudSync: boolean;
  /** The child's id in the cloud (consent is checked there too); default: the local profile id. */
  cloudChildId?: string;
}

export type ChildConsentLookup = (profileId: string) => ChildSyncConsent;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const narrationNodeSchema = z.object({
  nodeId: z.string(),
  source: z.enum(['tts', 'recording', 'import', 'placeholder']),
  audioHash: z.string(),
  cacheKey: z.string().nullable(),
  speaker: z.enum(['adult', 'child', 'voice']),
  profileId: z.string().nullable(),
  madeAt: z.string(),
});

const voiceSchema = z.object({ voiceId: z.string(), rate: z.number(), pitch: z.number() });

export const storyBodySchema = storyMetaSchema.extend({
  format: z.literal(STORY_BODY_FORMAT),
  graph: storyGraphSchema,
  narration: z
    .object({ voice: voiceSchema.nullable(), nodes: z.array(narrationNodeSchema) })
    .default({ voice: null, nodes: [] }),
  withheld: z.array(z.string()).default([]),
});

export type StoryBody = z.infer<typeof storyBodySchema>;

/** A child's recording kept off the cloud, for the status line. */
export interface WithheldRecording {
  nodeId: string;
  profileId: string | null;
}

export interface BuiltStoryChange {
  change: NewChange;
  /** Recordings left out of this change for want of consent. */
  withheld: WithheldRecording[];
}

/**
 * The change for `story` as it is now. `rememberedWithheld`: nodes a pulled version said were
 * withheld by another computer; they stay listed while this computer has no audio there.
 */
export function buildStoryChange(
  library: Library,
  story: Story,
  consentOf: ChildConsentLookup,
  rememberedWithheld: readonly string[],
): BuiltStoryChange {
  const narration = new NarrationStore(library.db);
  const nodes = narration.nodes(story.id);
  const recordings: RecordingRef[] = [];
  const withheld: WithheldRecording[] = [];
  const stages = story.graph.stages.map((stage) => {
    const made = nodes.get(stage.id);
    if (!stage.audio || made?.speaker !== 'child' || made.audioHash !== stage.audio.hash) return stage;
    const childId = cloudChildOf(made, consentOf);
    if (childId) {
      recordings.push({ sha256: stage.audio.hash, childId });
      return stage;
    }
    withheld.push({ nodeId: stage.id, profileId: made.profileId });
    return { ...stage, audio: null };
  });
  const graph: StoryGraph = { ...story.graph, stages };
  const sentWithout = new Set(withheld.map((w) => w.nodeId));
  const elsewhere = rememberedWithheld.filter((nodeId) =>
    stages.some((stage) => stage.id === nodeId && stage.audio === null),
  );
  const body: StoryBody = {
    format: STORY_BODY_FORMAT,
    ...metaOf(story),
    graph,
    narration: {
      voice: narration.voiceSettings(story.id),
      nodes: [...nodes.values()].filter((n) => !sentWithout.has(n.nodeId)),
    },
    withheld: [...new Set([...sentWithout, ...elsewhere])].sort(),
  };
  return {
    change: { storyId: story.id, body, assets: graphAssetHashes(graph), recordings },
    withheld,
  };
}

/** The cloud child a recording may be sent for, or null when it must stay on this computer. */
function cloudChildOf(made: NodeNarration, consentOf: ChildConsentLookup): string | null {
  if (!made.profileId) return null;
  const consent = consentOf(made.profileId);
  const childId = consent.cloudChildId ?? made.profileId;
  return consent.recording && consent.cloudSync && UUID.test(childId) ? childId : null;
}

function metaOf(story: Story): StoryMeta {
  return {
    title: story.title,
    summary: story.summary,
    language: story.language,
    ageRange: story.ageRange,
    tags: story.tags,
    durationSec: story.durationSec,
    author: story.author,
    aiGenerated: story.aiGenerated,
    aiProvenance: story.aiProvenance,
    moderation: story.moderation,
    nightMode: story.nightMode,
  };
}

/** The story in a pulled body, or the reason it cannot be read as one. */
export function parseStoryBody(
  body: Record<string, unknown> | null,
): { ok: true; body: StoryBody } | { ok: false; reason: string } {
  const parsed = storyBodySchema.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'not a story'}` };
}
