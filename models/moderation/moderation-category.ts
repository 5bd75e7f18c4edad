/**
 * What moderation looks for, and how bad a finding is. The categories are the ones a parent
 * is asked about before a story is packed for a child's box; `profanity` (swear words) is
 * kept apart from `hate` because a parent judges "merde" and a racial slur very differently.
 */
export const MODERATION_CATEGORIES = [
  'violence',
  'sexual',
  'self-harm',
  'hate',
  'drugs-alcohol',
  'scary',
  'profanity',
  'personal-data',
] as const;
export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number];

/**
 * mild: playground or fairy-tale level (a slap, a haunted house, a beer);
 * moderate: real harm named plainly (kill, a gun, cannabis, a corpse);
 * severe: graphic or extreme (massacre, torture, gore, rape, hard drugs, slurs); never for a
 * child's box, whatever the age (see age-policy.ts).
 */
export const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Orders severities: `severityRank('severe') > severityRank('mild')`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
