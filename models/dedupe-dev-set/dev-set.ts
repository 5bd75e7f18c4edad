/** The duplicate-detection development set (pairs.json), parsed and checked. */
import { readFileSync } from 'node:fs';

import { dedupePairsSchema, type DedupePair } from './dedupe-pair';

export function loadDedupeDevSet(): DedupePair[] {
  const json: unknown = JSON.parse(readFileSync(new URL('./pairs.json', import.meta.url), 'utf8'));
  return dedupePairsSchema.parse(json);
}
