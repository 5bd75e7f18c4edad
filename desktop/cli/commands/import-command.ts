/** `talemo import <pack.zip>`: a STUdio zip into the library. */
import { resolve } from 'node:path';

import { UsageError, type CliCommand } from '../cli-command';

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'talemo import <pack.zip> [--json]',
  summary: 'import a STUdio pack (zip)',
  options: {},
  async run(context) {
    if (context.positionals.length !== 1) throw new UsageError('give exactly one pack.zip to import');
    const result = await (
      await context.core()
    ).importStudio({ path: resolve(context.positionals[0]!) }, { onProgress: context.progress });
    if (context.json) return context.out(JSON.stringify(result, null, 2));
    context.out(`Imported "${result.story.title}" as ${result.story.id}.`);
    if (result.duplicateOf)
      context.out(`Note: the same pack is already in the library as ${result.duplicateOf}.`);
  },
};
