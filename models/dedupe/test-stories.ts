/** For tests: original stories from the labelled dev set (models/dedupe-dev-set/pairs.json). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { dedupePairsSchema } from '../dedupe-dev-set/dedupe-pair';

const pairs = dedupePairsSchema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../dedupe-dev-set/pairs.json'), 'utf8')),
);

function pair(id: string): { a: string; b: string } {
  const found = pairs.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no pair ${id} in the dev set`);
  return found;
}

export const TEST_STORIES = {
  /** A shy dragon at school. */
  dragonSchool: pair('shy-dragon-school/paraphrase').a,
  /** The same story, reworded: a duplicate. */
  dragonSchoolParaphrase: pair('shy-dragon-school/paraphrase').b,
  /** Another shy dragon, in the mountains: same theme, not a duplicate. */
  dragonMountains: pair('shy-dragon-school/distinct-same-theme/shy-dragon-mountains').b,
  /** Children playing pirates in a garden, and the same story reworded. */
  gardenPirates: pair('garden-pirates/paraphrase').a,
  gardenPiratesParaphrase: pair('garden-pirates/paraphrase').b,
  /** A girl and a moon balloon: unrelated. */
  moonBalloon: pair('shy-dragon-school/distinct/moon-balloon-girl').b,
};
