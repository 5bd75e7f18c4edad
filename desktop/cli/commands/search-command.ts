/** `talemo search <query>`: hybrid search (keywords and meaning) within the filters. */
import { UsageError, type CliCommand } from '../cli-command';
import { filterOptions, readFilters } from '../filter-options';
import { formatStoryLine } from '../story-line';

export const searchCommand: CliCommand = {
  name: 'search',
  usage: 'talemo search <query> [--lang fr] [--age 4-6] [--tag t] [--max-duration sec] [--json]',
  summary: 'find stories by keyword and by meaning',
  options: filterOptions,
  async run(context) {
    const query = context.positionals.join(' ').trim();
    if (!query) throw new UsageError('say what to search for');
    const filters = readFilters(context.values);
    const core = await context.core();
    // Why wait: a first run (or a switched embedder) fills the vectors in the background; a one-shot command needs them.
    await core.whenIndexed();
    const hits = await core.search(query, filters);
    if (context.json) return context.out(JSON.stringify(hits, null, 2));
    if (hits.length === 0) return context.out(`Nothing found for "${query}".`);
    for (const hit of hits)
      context.out(`${formatStoryLine(hit.story)}\n    ${hit.snippet.replace(/\s+/g, ' ')}`);
  },
};
