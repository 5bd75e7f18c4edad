/**
 * `talemo dedupe <file.txt…>`: for each file, the stories it would be flagged against at the
 * library's threshold. Adds nothing. With --json, exactly
 * `[{"file", "matches": [{"id", "title", "score"}]}]`.
 */
import { UsageError, type CliCommand } from '../cli-command';
import { readTextFile } from '../text-files';

export const dedupeCommand: CliCommand = {
  name: 'dedupe',
  usage: 'talemo dedupe <file.txt…> [--json]',
  summary: 'which stories each text file duplicates (adds nothing)',
  options: {},
  async run(context) {
    if (context.positionals.length === 0) throw new UsageError('give one or more .txt files to check');
    const files = context.positionals.map(readTextFile);
    const core = await context.core();
    await core.whenIndexed();
    const results = [];
    for (const { file, text } of files) {
      const matches = await core.checkDuplicates({ text });
      results.push({ file, matches: matches.map(({ id, title, score }) => ({ id, title, score })) });
    }
    if (context.json) return context.out(JSON.stringify(results));
    const threshold = core.duplicateThreshold();
    for (const { file, matches } of results) {
      if (matches.length === 0) context.out(`${file}: no duplicate (threshold ${threshold}).`);
      else context.out(`${file}:`);
      for (const match of matches) context.out(`  ${match.score.toFixed(2)}  ${match.id}  ${match.title}`);
    }
  },
};
