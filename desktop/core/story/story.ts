/**
 * The story as the library keeps it: who it is for, where it came from, and its graph.
 * `version` grows by one on every saved change; a save names the version it started from,
 * so two editors (two windows, the CLI, a sync) cannot silently overwrite each other.
 */
import { z } from 'zod';

import { storyGraphSchema } from '../../../device-bridge/pack/story-graph';

export const AGE_RANGES = ['0-3', '4-6', '7-9', '10-12'] as const;
export const MODERATION_STATUSES = ['unchecked', 'approved', 'flagged', 'rejected'] as const;

/** A BCP 47 primary language subtag in lower case: fr, en, de, … */
export const languageSchema = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as fr or en');
export const ageRangeSchema = z.enum(AGE_RANGES);
export const tagSchema = z.string().trim().min(1).max(40);

/** What made an AI story: kept on the story so a parent (or a later audit) can tell. */
export const aiProvenanceSchema = z.object({
  /** The model file, and the name its header gives. */
  model: z.string().max(300),
  modelName: z.string().max(300),
  promptVersion: z.string().max(50),
  mode: z.string().max(30),
  seed: z.number().int(),
  temperature: z.number(),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  stopReason: z.string().max(40),
});

export const storyMetaSchema = z.object({
  title: z.string().trim().min(1, 'a story needs a title').max(200),
  summary: z.string().max(5000),
  language: languageSchema,
  ageRange: ageRangeSchema,
  tags: z.array(tagSchema).max(30),
  /** Playing time in seconds (sum of narration, or an estimate from the text). */
  durationSec: z.number().min(0).max(86_400),
  author: z.string().max(200),
  aiGenerated: z.boolean(),
  /** Null for a story a person wrote or imported. */
  aiProvenance: aiProvenanceSchema.nullable().default(null),
  moderation: z.enum(MODERATION_STATUSES),
  /** STUdio's nightModeAvailable: the box may offer this pack in night mode. */
  nightMode: z.boolean(),
});

export const storySchema = storyMetaSchema.extend({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().min(1),
  graph: storyGraphSchema,
});

export type AgeRange = z.infer<typeof ageRangeSchema>;
export type AiProvenance = z.infer<typeof aiProvenanceSchema>;
export type StoryMeta = z.infer<typeof storyMetaSchema>;
export type Story = z.infer<typeof storySchema>;

/** What a list or a search shows of a story, without its graph. */
export const storySummarySchema = storySchema.omit({ graph: true, aiProvenance: true }).extend({
  nodeCount: z.number().int().min(0),
  /** SHA-256 of the cover node's image, to show as a thumbnail. */
  coverImage: z.string().nullable(),
});
export type StorySummary = z.infer<typeof storySummarySchema>;
