/**
 * The mechanical copies of a story in the development set, each a fixed rule decided before
 * any embedder was measured on it (see README.md): renamed characters, reordered sentences,
 * a trimmed version and an excerpt. Paragraphs are kept where the rule allows.
 */

/** A sentence ends at . ! ? or … (perhaps closed by a quote) before a capital or an opening quote. */
const SENTENCE_BREAK = /(?<=[.!?…]["”»]?)\s+(?=[«"“—A-ZÀ-ÖØ-Þ])/u;

export function splitParagraphs(text: string): string[] {
  return text.split(/\n\s*\n/).filter((paragraph) => paragraph.trim().length > 0);
}

export function splitSentences(paragraph: string): string[] {
  return paragraph.split(SENTENCE_BREAK).filter((sentence) => sentence.length > 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every whole-word occurrence of each name replaced ("Pip's" too, "Pipe" not). */
export function renameCharacters(text: string, renames: ReadonlyArray<readonly [string, string]>): string {
  let renamed = text;
  for (const [from, to] of renames) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(from)}(?![\\p{L}\\p{N}])`, 'gu');
    if (!pattern.test(renamed)) throw new Error(`rename: "${from}" does not occur`);
    renamed = renamed.replace(pattern, to);
  }
  return renamed;
}

/** A small seeded generator (mulberry32), so shuffles are the same on every run. */
function seededRandom(seedText: string): () => number {
  let seed = 0;
  for (let i = 0; i < seedText.length; i += 1) seed = (Math.imul(seed, 31) + seedText.charCodeAt(i)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The paragraphs in a shuffled order, and the sentences of each paragraph shuffled too. */
export function reorderStory(text: string, seed: string): string {
  const random = seededRandom(seed);
  const paragraphs = splitParagraphs(text).map((paragraph) =>
    shuffled(splitSentences(paragraph), random).join(' '),
  );
  return shuffled(paragraphs, random).join('\n\n');
}

/** Every third sentence of the story dropped (the 3rd, 6th, …): about two thirds kept. */
export function trimStory(text: string): string {
  let index = 0;
  return splitParagraphs(text)
    .map((paragraph) =>
      splitSentences(paragraph)
        .filter(() => {
          index += 1;
          return index % 3 !== 0;
        })
        .join(' '),
    )
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

/** Half of the story's sentences, in one run, starting a quarter of the way in. */
export function excerptStory(text: string): string {
  const sentences = splitParagraphs(text).flatMap((paragraph) => splitSentences(paragraph));
  const start = Math.floor(sentences.length / 4);
  return sentences.slice(start, start + Math.ceil(sentences.length / 2)).join(' ');
}
