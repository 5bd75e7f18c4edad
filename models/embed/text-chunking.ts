/**
 * Splits a long text into chunks that each fit a sentence model's token budget, cutting
 * between sentences. A sentence longer than the budget is cut between words, and a "word"
 * longer than the budget (junk with no spaces) in halves until each piece fits. Chunks keep
 * the text's own wording; whitespace at their ends is trimmed and empty pieces are dropped,
 * so a text with nothing but whitespace gives no chunk at all.
 *
 * Token counts come from the caller (the model's tokenizer). Counts of pieces are added up
 * rather than recounted for the joined chunk: for the word-piece and unigram tokenizers of
 * sentence models the two agree to within a token or so per join, and the pipeline truncates
 * at the model's limit anyway, so a near miss loses a few tokens, never crashes.
 */

/** Tokens in `text`, without the model's special tokens (those are in the budget's overhead). */
export type TokenCounter = (text: string) => number;

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'sentence' })
    : undefined;

/** Sentences of `text`, each with its trailing whitespace trimmed; empty ones left out. */
export function splitSentences(text: string): string[] {
  const pieces = segmenter
    ? Array.from(segmenter.segment(text), (part) => part.segment)
    : text.split(/(?<=[.!?…])\s+|\n{2,}/u);
  return pieces.map((piece) => piece.trim()).filter((piece) => piece.length > 0);
}

/** A piece and its token count. */
interface Counted {
  text: string;
  tokens: number;
}

/** `piece` cut so that every part has at most `budget` tokens: between words, else in halves. */
function fitToBudget(piece: string, budget: number, countTokens: TokenCounter): Counted[] {
  const tokens = countTokens(piece);
  if (tokens <= budget) return tokens > 0 ? [{ text: piece, tokens }] : [];
  const words = piece.split(/\s+/u).filter((word) => word.length > 0);
  if (words.length > 1) {
    return pack(
      words.flatMap((word) => fitToBudget(word, budget, countTokens)),
      budget,
      ' ',
    );
  }
  // One "word" over the budget: halve it (on a code point boundary) until the halves fit.
  const codePoints = Array.from(piece);
  if (codePoints.length < 2) return [{ text: piece, tokens }];
  const middle = Math.floor(codePoints.length / 2);
  return [
    ...fitToBudget(codePoints.slice(0, middle).join(''), budget, countTokens),
    ...fitToBudget(codePoints.slice(middle).join(''), budget, countTokens),
  ];
}

/** Greedily joins consecutive pieces (each within budget) into as few chunks as fit. */
function pack(pieces: Counted[], budget: number, separator: string): Counted[] {
  const chunks: Counted[] = [];
  let current: Counted | undefined;
  for (const piece of pieces) {
    if (current && current.tokens + piece.tokens <= budget) {
      current = { text: current.text + separator + piece.text, tokens: current.tokens + piece.tokens };
    } else {
      if (current) chunks.push(current);
      current = piece;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/**
 * `text` as chunks of whole sentences, each at most `budget` tokens by `countTokens` (a
 * sentence over the budget is cut as the file's header says). A text that fits is one chunk.
 */
export function chunkText(text: string, budget: number, countTokens: TokenCounter): string[] {
  if (!Number.isInteger(budget) || budget < 1)
    throw new RangeError('the token budget must be an integer ≥ 1');
  const sentences = splitSentences(text).flatMap((sentence) => fitToBudget(sentence, budget, countTokens));
  return pack(sentences, budget, ' ').map((chunk) => chunk.text);
}
