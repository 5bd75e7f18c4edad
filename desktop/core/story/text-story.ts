/**
 * A plain text as a linear story (`linear-graph.ts`): one page per paragraph.
 *
 * Why a page per paragraph and not one node: on a box each stage is one audio file, so
 * paragraphs give the narrator natural breaks, let a child's pause and a later narration
 * edit touch one page, and keep each node under the graph's text limit. Very many short
 * paragraphs are merged into at most MAX_PAGES pages.
 */
import type { StoryGraph } from '../../../device-bridge/pack/story-graph';
import { TalemoError } from '../errors';
import { linearGraph } from './linear-graph';

/** The largest text made into a story: a long children's book is some 50 KB. */
export const MAX_STORY_TEXT_BYTES = 512 * 1024;
export const MAX_PAGES = 200;
/** The graph schema allows 100,000 characters a node; pages stay well below. */
const MAX_PAGE_CHARS = 50_000;

/** Checks a text before it becomes a story or is checked for duplicates; returns it tidied. */
export function checkStoryText(text: string, what: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_STORY_TEXT_BYTES) throw textTooLarge(what, bytes);
  const tidy = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/[\p{L}\p{N}]/u.test(tidy)) {
    throw new TalemoError(
      'invalid-input',
      `${what} has no words in it: write the story's text, then try again.`,
    );
  }
  return tidy;
}

export function textTooLarge(what: string, bytes: number): TalemoError {
  return new TalemoError(
    'too-large',
    `${what} is ${formatSize(bytes)}; a story text is at most ${formatSize(MAX_STORY_TEXT_BYTES)}. Split it into several stories.`,
  );
}

export function textToPages(text: string): string[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .flatMap(splitLong);
  if (paragraphs.length <= MAX_PAGES) return paragraphs;
  const per = Math.ceil(paragraphs.length / MAX_PAGES);
  const pages: string[] = [];
  for (let i = 0; i < paragraphs.length; i += per) pages.push(paragraphs.slice(i, i + per).join('\n\n'));
  return pages.flatMap(splitLong);
}

export function linearStoryGraph(title: string, text: string): StoryGraph {
  return linearGraph(title, textToPages(text));
}

/** A title from a file name: `the-shy_dragon.txt` → `the shy dragon`. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const title = base.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return (title || base || 'Untitled').slice(0, 200);
}

function splitLong(paragraph: string): string[] {
  if (paragraph.length <= MAX_PAGE_CHARS) return [paragraph];
  const parts: string[] = [];
  let rest = paragraph;
  while (rest.length > MAX_PAGE_CHARS) {
    const cut = rest.lastIndexOf(' ', MAX_PAGE_CHARS);
    const at = cut > MAX_PAGE_CHARS / 2 ? cut : MAX_PAGE_CHARS;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
