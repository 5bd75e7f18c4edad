/** Rewrites pairs.json from the stories in sources/: `npx tsx models/dedupe-dev-set/write-pairs.ts`. */
import { writeFileSync } from 'node:fs';

import { buildDedupePairs } from './build-pairs';
import { loadStorySources } from './story-sources';

const pairs = buildDedupePairs(loadStorySources());
writeFileSync(new URL('./pairs.json', import.meta.url), `${JSON.stringify(pairs, null, 2)}\n`);
console.log(`wrote ${pairs.length} pairs`);
