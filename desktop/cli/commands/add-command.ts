/**
 * `talemo add <file.txt…>`: each plain-text file becomes a linear story (title from the file
 * name, a page per paragraph). The duplicate guard runs as on any save and never blocks: its
 * flags are printed. Every file is checked before any is added, so bad input adds nothing.
 */
import { UsageError, type CliCommand } from '../cli-command';
import { readTextFile } from '../text-files';
import { titleFromFileName } from '../../core/story/text-story';

export const addCommand: CliCommand = {
  name: 'add',
  usage: 'talemo add <file.txt…> [--lang fr|en] [--json]',
  summary: 'add text files as stories (duplicates are flagged, never blocked)',
  options: { lang: { type: 'string' } },
  async run(context) {
    if (context.positionals.length === 0) throw new UsageError('give one or more .txt files to add');
    const lang = context.values.lang;
    if (lang !== undefined && (typeof lang !== 'string' || !/^[a-z]{2,3}$/.test(lang))) {
      throw new UsageError('--lang takes a language code such as fr or en');
    }
    const files = context.positionals.map(readTextFile);
    const core = await context.core();
    await core.whenIndexed();
    const results = [];
    for (const [i, { file, text }] of files.entries()) {
      context.progress('Adding', i, files.length);
      const added = await core.addText({ title: titleFromFileName(file), text, language: lang });
      results.push({ file, ...added });
    }
    context.progress('Adding', files.length, files.length);
    if (context.json) return context.out(JSON.stringify(results, null, 2));
    for (const { file, story, duplicates } of results) {
      context.out(`Added "${story.title}" as ${story.id} (from ${file}).`);
      for (const match of duplicates) {
        context.out(
          `  Possible duplicate of "${match.title}" (${match.id}), similarity ${match.score.toFixed(2)}`,
        );
        const passage = match.passages[0];
        if (passage) context.out(`    "${clip(passage.text)}" ≈ "${clip(passage.otherText)}"`);
      }
    }
  },
};

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
