/**
 * Reads the hand-written stories of the development set (`sources/en.txt`, `sources/fr.txt`).
 * Each file is a list of themes; each theme has two different stories on that theme, the
 * first with a hand-written paraphrase, each with the character renames used for its
 * "renamed" variant:
 *
 *     === theme <theme id>
 *     --- story <story id>
 *     renames: Ember -> Juniper; Miss Hazel -> Mr Finch
 *     <text, paragraphs separated by blank lines>
 *     --- paraphrase
 *     <text>
 *     --- story <story id>
 *     renames: …
 *     <text>
 */
import { readFileSync } from 'node:fs';

export type StoryLanguage = 'fr' | 'en';

export interface SourceStory {
  id: string;
  text: string;
  /** A rewording of the same story by hand; the first story of each theme has one. */
  paraphrase: string | null;
  /** Names (characters, places) and what the renamed copy calls them instead. */
  renames: Array<[from: string, to: string]>;
}

export interface SourceTheme {
  id: string;
  language: StoryLanguage;
  stories: [SourceStory, SourceStory];
}

function cleanText(lines: string[]): string {
  return lines
    .join('\n')
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .join('\n\n');
}

function parseRenames(line: string, where: string): Array<[string, string]> {
  return line
    .slice('renames:'.length)
    .split(';')
    .map((entry) => {
      const [from, to, ...rest] = entry.split('->').map((part) => part.trim());
      if (!from || !to || rest.length > 0) throw new Error(`${where}: bad rename "${entry.trim()}"`);
      return [from, to];
    });
}

export function parseStorySources(source: string, language: StoryLanguage): SourceTheme[] {
  const themes: Array<{ id: string; stories: SourceStory[] }> = [];
  let story: SourceStory | null = null;
  let section: 'text' | 'paraphrase' = 'text';
  let lines: string[] = [];
  const flush = (): void => {
    if (story === null) return;
    const text = cleanText(lines);
    if (section === 'text') story.text = text;
    else story.paraphrase = text;
    lines = [];
  };
  for (const [index, line] of source.split('\n').entries()) {
    const where = `${language} line ${index + 1}`;
    if (line.startsWith('=== theme ')) {
      flush();
      story = null;
      themes.push({ id: line.slice('=== theme '.length).trim(), stories: [] });
    } else if (line.startsWith('--- story ')) {
      flush();
      const theme = themes.at(-1);
      if (!theme) throw new Error(`${where}: story outside a theme`);
      story = { id: line.slice('--- story '.length).trim(), text: '', paraphrase: null, renames: [] };
      section = 'text';
      theme.stories.push(story);
    } else if (line.startsWith('--- paraphrase')) {
      flush();
      if (!story) throw new Error(`${where}: paraphrase outside a story`);
      section = 'paraphrase';
    } else if (line.startsWith('renames:')) {
      if (!story || section !== 'text' || lines.some((l) => l.trim()))
        throw new Error(`${where}: misplaced renames`);
      story.renames = parseRenames(line, where);
    } else {
      lines.push(line);
    }
  }
  flush();
  return themes.map((theme) => {
    const [first, second, ...more] = theme.stories;
    if (!first || !second || more.length > 0) throw new Error(`theme ${theme.id}: needs exactly two stories`);
    for (const story of theme.stories) {
      if (!story.text) throw new Error(`story ${story.id}: no text`);
      if (story.renames.length === 0) throw new Error(`story ${story.id}: no renames`);
    }
    if (!first.paraphrase)
      throw new Error(`story ${first.id}: the first story of a theme needs a paraphrase`);
    return { id: theme.id, language, stories: [first, second] };
  });
}

/** Both languages' themes, English first. */
export function loadStorySources(): SourceTheme[] {
  const read = (language: StoryLanguage): SourceTheme[] =>
    parseStorySources(readFileSync(new URL(`./sources/${language}.txt`, import.meta.url), 'utf8'), language);
  return [...read('en'), ...read('fr')];
}
