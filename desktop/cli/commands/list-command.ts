/** `talemo list`: the stories in the library. */
import type { CliCommand } from '../cli-command';
import { formatStoryLine } from '../story-line';
import { filterOptions, readFilters } from '../filter-options';

export const listCommand: CliCommand = {
  name: 'list',
  usage: 'talemo list [--lang fr] [--age 4-6] [--tag t] [--max-duration sec] [--json]',
  summary: 'list the stories in the library',
  options: filterOptions,
  async run(context) {
    const stories = (await context.core()).list(readFilters(context.values));
    if (context.json) return context.out(JSON.stringify(stories, null, 2));
    if (stories.length === 0) return context.out('No stories match.');
    for (const story of stories) context.out(formatStoryLine(story));
  },
};
