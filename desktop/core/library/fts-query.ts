/**
 * Turns what a parent types ("dragon timide", "l'éléphant") into a safe FTS5 query: every
 * word must appear, as a prefix, and nothing the user types can be read as FTS5 syntax
 * (quotes, NEAR, column filters), because each word is quoted.
 */
const MAX_TERMS = 12;

export function buildFtsQuery(input: string): string | null {
  const words = input
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  // Why: a lone letter left by an elision ("l'éléphant") would match almost every story.
  const meaningful = words.length > 1 ? words.filter((word) => word.length > 1) : words;
  if (meaningful.length === 0) return null;
  return meaningful
    .slice(0, MAX_TERMS)
    .map((word) => `"${word}"*`)
    .join(' ');
}
