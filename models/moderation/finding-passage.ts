/**
 * The passage a parent is shown around a finding: its sentence, cut to about 120
 * characters on each side, with every piece of personal data in it masked (not only the
 * finding's own: a swear word's sentence may hold a phone number). A piece of personal data
 * is never cut in half, and its dots ("06.12.34.56.78", "lea.martin@…") never end a sentence.
 */
import type { PersonalDataSpan } from './personal-data-finder';

const REACH = 120;
const SENTENCE_END = /[.!?…\n]/;

/** The passage around text[start, end). `personal` is sorted by start and disjoint. */
export function findingPassage(
  text: string,
  start: number,
  end: number,
  personal: readonly PersonalDataSpan[],
): string {
  const nearby = spansWithin(personal, Math.max(0, start - REACH), Math.min(text.length, end + REACH));
  const from = sentenceStart(text, start, nearby);
  const to = sentenceEnd(text, end, nearby);
  const cutBefore = from > 0 && !SENTENCE_END.test(text[from - 1] ?? '');
  const cutAfter = to < text.length && !SENTENCE_END.test(text[to - 1] ?? '');
  return (cutBefore ? '…' : '') + maskedText(text, from, to, nearby) + (cutAfter ? '…' : '');
}

/**
 * text[from, to) as one readable line with its personal data masked; a piece of personal
 * data at either edge is taken whole rather than cut. `personal` is sorted by start and disjoint.
 */
export function maskedText(
  text: string,
  from: number,
  to: number,
  personal: readonly PersonalDataSpan[],
): string {
  const nearby = spansWithin(personal, from, to);
  for (const span of nearby) {
    if (span.start < from) from = span.start;
    if (span.end > to) to = span.end;
  }
  let shown = '';
  let at = from;
  for (const span of nearby) {
    shown += text.slice(at, span.start) + span.masked;
    at = span.end;
  }
  return readable(shown + text.slice(at, to));
}

function spansWithin(sorted: readonly PersonalDataSpan[], from: number, to: number): PersonalDataSpan[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.end <= from) low = middle + 1;
    else high = middle;
  }
  const within: PersonalDataSpan[] = [];
  for (let index = low; index < sorted.length && sorted[index]!.start < to; index += 1)
    within.push(sorted[index]!);
  return within;
}

function inside(spans: readonly PersonalDataSpan[], at: number): PersonalDataSpan | undefined {
  return spans.find((span) => span.start <= at && at < span.end);
}

/** Just after the sentence end before `start`, or a word start about REACH characters back. */
function sentenceStart(text: string, start: number, spans: readonly PersonalDataSpan[]): number {
  const limit = Math.max(0, start - REACH);
  for (let at = start - 1; at >= limit; at -= 1) {
    const span = inside(spans, at);
    if (span) {
      at = span.start;
      continue;
    }
    if (SENTENCE_END.test(text[at]!)) return at + 1;
  }
  if (limit === 0) return 0;
  const space = text.indexOf(' ', limit);
  return space >= 0 && space < start ? space + 1 : limit;
}

/** Just after the sentence end after `end`, or a word end about REACH characters on. */
function sentenceEnd(text: string, end: number, spans: readonly PersonalDataSpan[]): number {
  const limit = Math.min(text.length, end + REACH);
  for (let at = end; at < limit; at += 1) {
    const span = inside(spans, at);
    if (span) {
      at = span.end - 1;
      continue;
    }
    if (SENTENCE_END.test(text[at]!)) return at + 1;
  }
  if (limit === text.length) return limit;
  const space = text.lastIndexOf(' ', limit);
  return space > end ? space : limit;
}

/**
 * One line of plain text: whitespace and control characters (binary junk) become single
 * spaces, and halves of a character cut at the passage's edge become U+FFFD.
 */
function readable(passage: string): string {
  return (
    passage
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .trim()
  );
}
