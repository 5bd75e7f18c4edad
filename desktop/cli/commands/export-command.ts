/** `talemo export <storyId> --out x.zip`: a story as a STUdio zip. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

import { UsageError, type CliCommand } from '../cli-command';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'talemo export <storyId> --out <file.zip> [--json]',
  summary: 'export a story as a STUdio pack (zip)',
  options: { out: { type: 'string' } },
  async run(context) {
    if (context.positionals.length !== 1) throw new UsageError('give exactly one story id to export');
    if (typeof context.values.out !== 'string') throw new UsageError('say where to write the zip with --out');
    const out = resolve(context.values.out);
    await (
      await context.core()
    ).exportStudioToFile(context.positionals[0]!, out, { onProgress: context.progress });
    const { size } = await stat(out);
    if (context.json) return context.out(JSON.stringify({ file: out, bytes: size }));
    context.out(`Wrote ${out} (${size} bytes).`);
  },
};
