/** One labelled pair of the duplicate-detection development set, and its schema. */
import { z } from 'zod';

export const DEDUPE_PAIR_KINDS = [
  'paraphrase',
  'renamed',
  'reordered',
  'trimmed',
  'excerpt',
  'distinct-same-theme',
  'distinct',
] as const;

export type DedupePairKind = (typeof DEDUPE_PAIR_KINDS)[number];

export const dedupePairSchema = z.object({
  /** Stable id: `<story id>/<kind>` or `<story id>/<kind>/<other story id>`. */
  id: z.string().min(1),
  /** Theme of `a`; the dev/test split is by theme, so a story and its variants stay on one side. */
  theme: z.string().min(1),
  split: z.enum(['dev', 'test']),
  language: z.enum(['fr', 'en']),
  kind: z.enum(DEDUPE_PAIR_KINDS),
  /** Should the duplicate guard flag `b` as a copy of `a`? */
  duplicate: z.boolean(),
  a: z.string().min(1),
  b: z.string().min(1),
});

export type DedupePair = z.infer<typeof dedupePairSchema>;

export const dedupePairsSchema = z.array(dedupePairSchema);
