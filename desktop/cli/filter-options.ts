/** The library filters shared by `list` and `search`, parsed and checked once. */
import type { ParseArgsConfig } from 'node:util';

import { AGE_RANGES } from '../core/story/story';
import type { StoryFilters } from '../core/library/story-repository';
import { UsageError } from './cli-command';

export const filterOptions: NonNullable<ParseArgsConfig['options']> = {
  lang: { type: 'string' },
  age: { type: 'string' },
  tag: { type: 'string', multiple: true },
  'max-duration': { type: 'string' },
  'min-duration': { type: 'string' },
};

export function readFilters(values: Record<string, unknown>): StoryFilters {
  const filters: StoryFilters = {};
  if (typeof values.lang === 'string') {
    if (!/^[a-z]{2,3}$/.test(values.lang))
      throw new UsageError(`--lang takes a language code such as fr or en`);
    filters.language = values.lang;
  }
  if (typeof values.age === 'string') {
    if (!(AGE_RANGES as readonly string[]).includes(values.age)) {
      throw new UsageError(`--age takes one of ${AGE_RANGES.join(', ')}`);
    }
    filters.ageRange = values.age;
  }
  if (Array.isArray(values.tag)) filters.tags = values.tag as string[];
  for (const [flag, key] of [
    ['max-duration', 'maxDurationSec'],
    ['min-duration', 'minDurationSec'],
  ] as const) {
    if (typeof values[flag] !== 'string') continue;
    const seconds = Number(values[flag]);
    if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--${flag} takes a number of seconds`);
    filters[key] = seconds;
  }
  return filters;
}
