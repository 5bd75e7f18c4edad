/**
 * Which findings a story's age range flags: for each category, the lowest severity flagged.
 * Below it, the term is allowed for that age and not reported at all.
 *
 * | category      | 0-3  | 4-6  | 7-9      | 10-12    |
 * |---------------|------|------|----------|----------|
 * | violence      | mild | mild | moderate | severe   |
 * | scary         | mild | mild | moderate | severe   |
 * | drugs-alcohol | mild | mild | moderate | moderate |
 * | profanity     | mild | mild | mild     | moderate |
 * | sexual        | mild | mild | mild     | moderate |
 * | hate          | mild | mild | mild     | mild     |
 * | self-harm     | mild | mild | mild     | mild     |
 * | personal-data | mild | mild | mild     | mild     |
 *
 * Why: fairy-tale fights and haunted houses are ordinary from 7; a 10-12 adventure may name a
 * killing or a gun. Severe is flagged at every age in every category: nothing graphic goes
 * on a child's box unreviewed. Hate, self-harm and personal data are flagged whatever their
 * severity: a slur is never mild for the child who hears it, a self-harm mention always
 * deserves an adult's look, and a child's phone number must never leave the house in a pack.
 * An unknown age range (bad input from outside) gets the strictest column, 0-3.
 */
import type { AgeRange } from './age-range';
import { isAgeRange } from './age-range';
import type { ModerationCategory, Severity } from './moderation-category';
import { severityRank } from './moderation-category';

export const AGE_POLICY: Readonly<Record<ModerationCategory, Readonly<Record<AgeRange, Severity>>>> = {
  violence: { '0-3': 'mild', '4-6': 'mild', '7-9': 'moderate', '10-12': 'severe' },
  scary: { '0-3': 'mild', '4-6': 'mild', '7-9': 'moderate', '10-12': 'severe' },
  'drugs-alcohol': { '0-3': 'mild', '4-6': 'mild', '7-9': 'moderate', '10-12': 'moderate' },
  profanity: { '0-3': 'mild', '4-6': 'mild', '7-9': 'mild', '10-12': 'moderate' },
  sexual: { '0-3': 'mild', '4-6': 'mild', '7-9': 'mild', '10-12': 'moderate' },
  hate: { '0-3': 'mild', '4-6': 'mild', '7-9': 'mild', '10-12': 'mild' },
  'self-harm': { '0-3': 'mild', '4-6': 'mild', '7-9': 'mild', '10-12': 'mild' },
  'personal-data': { '0-3': 'mild', '4-6': 'mild', '7-9': 'mild', '10-12': 'mild' },
};

/** Whether a finding of this category and severity is flagged in a story for this age. */
export function isFlaggedAtAge(
  category: ModerationCategory,
  severity: Severity,
  ageRange: AgeRange,
): boolean {
  const age = isAgeRange(ageRange) ? ageRange : '0-3';
  return severityRank(severity) >= severityRank(AGE_POLICY[category][age]);
}
