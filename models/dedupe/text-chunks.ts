/**
 * Splits a story's text into the passages the duplicate guard compares: paragraphs, and
 * paragraphs longer than a few sentences into runs of sentences, so a matching passage is
 * short enough to show a parent. Bounded: a megabyte of text gives at most MAX_CHUNKS chunks
 * (the rest is merged into the last ones), so comparing two texts stays cheap.
 */
const TARGET_CHUNK_CHARS = 400;
export const MAX_CHUNKS = 200;
const MAX_CHUNK_CHARS = 2_000;

export function splitIntoChunks(text: string): string[] {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => /[\p{L}\p{N}]/u.test(paragraph));
  const chunks: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.length <= TARGET_CHUNK_CHARS) {
      chunks.push(paragraph);
      continue;
    }
    let current = '';
    for (const sentence of splitSentences(paragraph)) {
      if (current && current.length + sentence.length + 1 > TARGET_CHUNK_CHARS) {
        chunks.push(current);
        current = '';
      }
      current = current ? `${current} ${sentence}` : sentence;
    }
    if (current) chunks.push(current);
  }
  return bound(
    chunks.map((chunk) => (chunk.length > MAX_CHUNK_CHARS ? chunk.slice(0, MAX_CHUNK_CHARS) : chunk)),
  );
}

function splitSentences(paragraph: string): string[] {
  // Why a plain rule: stories are simple prose; an abbreviation split too early only makes a shorter passage.
  return paragraph.split(/(?<=[.!?…»"])\s+(?=[\p{Lu}«"—–-])/u).filter((sentence) => sentence.length > 0);
}

/** Keeps at most MAX_CHUNKS by merging neighbours: every part of the text is still compared. */
function bound(chunks: string[]): string[] {
  if (chunks.length <= MAX_CHUNKS) return chunks;
  const per = Math.ceil(chunks.length / MAX_CHUNKS);
  const merged: string[] = [];
  for (let i = 0; i < chunks.length; i += per) {
    merged.push(
      chunks
        .slice(i, i + per)
        .join(' ')
        .slice(0, MAX_CHUNK_CHARS),
    );
  }
  return merged;
}
