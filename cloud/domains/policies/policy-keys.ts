// The tenant policies that exist: quotas and feature flags. Each key has a value schema and a
// default; a tenant stores only the keys it changed. A domain that needs a new quota or flag adds
// it here and reads it with readPolicy().
import { z } from 'zod';

export const POLICY_KEYS = {
  'quota.stories': {
    description: 'Most stories the tenant may keep.',
    schema: z.number().int().min(0).max(1_000_000),
    default: 1000,
  },
  'quota.members': {
    description: 'Most members (people) the tenant may have.',
    schema: z.number().int().min(1).max(100_000),
    default: 50,
  },
  'feature.sync': {
    description: 'Library sync between devices is on.',
    schema: z.boolean(),
    default: true,
  },
  'feature.ai_drafting': {
    description: 'Story drafting with the local language model is offered.',
    schema: z.boolean(),
    default: true,
  },
} as const;

export type PolicyKey = keyof typeof POLICY_KEYS;
export type PolicyValue<K extends PolicyKey> = z.output<(typeof POLICY_KEYS)[K]['schema']>;

export function isPolicyKey(key: string): key is PolicyKey {
  return Object.hasOwn(POLICY_KEYS, key);
}
