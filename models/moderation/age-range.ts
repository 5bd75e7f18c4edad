/**
 * The age ranges a story is written for. The same four as the library's stories
 * (desktop/core/story), repeated here because models/ may not import desktop/.
 */
export const AGE_RANGES = ['0-3', '4-6', '7-9', '10-12'] as const;
export type AgeRange = (typeof AGE_RANGES)[number];

export function isAgeRange(value: unknown): value is AgeRange {
  return typeof value === 'string' && (AGE_RANGES as readonly string[]).includes(value);
}
