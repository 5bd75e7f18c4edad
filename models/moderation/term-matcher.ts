/**
 * Finds the listed terms in a text's words. Each pattern is compiled once into its variants;
 * variants are filed under each form their first word may take, so the text is read once,
 * one map lookup per word, whatever the size of the lists: linear in the text.
 *
 * Of overlapping matches, the longer reading wins: "kill myself" (self-harm) hides the
 * "kill" (violence) inside it, "tueurs en série" hides "tueurs". A match sharing a word with
 * a safe phrase ("kill time", "à tue-tête") is dropped.
 */
import type { ListLanguage } from './language-guess';
import type { Severity } from './moderation-category';
import { SEVERITIES, severityRank } from './moderation-category';
import type { ListedCategory } from './term-list';
import type { TermVariant } from './term-pattern';
import { expandTermPattern } from './term-pattern';
import { SAFE_PHRASE_LISTS, TERM_LISTS } from './terms/term-lists';
import type { WordTokens } from './word-tokens';

export interface TermMatch {
  category: ListedCategory;
  severity: Severity;
  /** The list entry that matched, as written in the list. */
  pattern: string;
  /** Index of the first and last matched word in the tokens. */
  firstWord: number;
  lastWord: number;
}

interface Entry {
  category: ListedCategory | 'safe';
  severity: Severity;
  pattern: string;
}

interface Candidate {
  entry: number;
  /** The variant's word positions after the first. */
  rest: ReadonlyArray<ReadonlySet<string>>;
}

interface RawMatch {
  entry: number;
  first: number;
  last: number;
}

export class TermMatcher {
  private readonly entries: Entry[] = [];
  private readonly byFirstWord = new Map<string, Candidate[]>();

  constructor(languages: readonly ListLanguage[]) {
    for (const language of languages) {
      for (const list of TERM_LISTS[language]) {
        for (const severity of SEVERITIES) {
          for (const pattern of list[severity]) this.add({ category: list.category, severity, pattern });
        }
      }
      for (const pattern of SAFE_PHRASE_LISTS[language].phrases)
        this.add({ category: 'safe', severity: 'mild', pattern });
    }
  }

  private add(entry: Entry): void {
    const index = this.entries.push(entry) - 1;
    for (const variant of expandTermPattern(entry.pattern)) this.file(index, variant);
  }

  private file(entry: number, variant: TermVariant): void {
    const [first, ...rest] = variant;
    for (const form of first ?? []) {
      const candidates = this.byFirstWord.get(form);
      if (candidates) candidates.push({ entry, rest });
      else this.byFirstWord.set(form, [{ entry, rest }]);
    }
  }

  /**
   * The listed terms in words [from, to) of the tokens (a paragraph; a phrase never runs
   * across two), in text order, safe phrases and shorter readings removed.
   */
  match(tokens: WordTokens, from = 0, to = tokens.words.length): TermMatch[] {
    const { words } = tokens;
    const found: RawMatch[] = [];
    let safe: Uint8Array | null = null;
    for (let at = from; at < to; at += 1) {
      const candidates = this.byFirstWord.get(words[at]!);
      if (!candidates) continue;
      for (const candidate of candidates) {
        const last = matchRest(words, at, to, candidate.rest);
        if (last < 0) continue;
        if (this.entries[candidate.entry]!.category === 'safe') {
          safe ??= new Uint8Array(to - from);
          safe.fill(1, at - from, last + 1 - from);
        } else {
          found.push({ entry: candidate.entry, first: at, last });
        }
      }
    }
    const matches: TermMatch[] = [];
    for (const match of longestReadings(found)) {
      if (safe && overlapsSafe(safe, match.first - from, match.last - from)) continue;
      const entry = this.entries[match.entry]!;
      const reading: TermMatch = {
        category: entry.category as ListedCategory,
        severity: entry.severity,
        pattern: entry.pattern,
        firstWord: match.first,
        lastWord: match.last,
      };
      // The same words in the same category twice (both languages list "cocaine"): report
      // them once, at the higher severity. Readings are in order, so a twin is just behind.
      let twin: TermMatch | undefined;
      for (
        let back = matches.length - 1;
        back >= 0 && matches[back]!.firstWord === reading.firstWord;
        back -= 1
      ) {
        const other = matches[back]!;
        if (other.lastWord === reading.lastWord && other.category === reading.category) twin = other;
      }
      if (!twin) matches.push(reading);
      else if (severityRank(reading.severity) > severityRank(twin.severity)) Object.assign(twin, reading);
    }
    return matches;
  }
}

/** Index of the last word matched when the variant's remaining words follow `at`, else -1. */
function matchRest(
  words: readonly string[],
  at: number,
  to: number,
  rest: ReadonlyArray<ReadonlySet<string>>,
): number {
  if (at + rest.length >= to) return -1;
  for (let offset = 0; offset < rest.length; offset += 1) {
    if (!rest[offset]!.has(words[at + 1 + offset]!)) return -1;
  }
  return at + rest.length;
}

/** Whether any of the words [first, last] (offsets in the paragraph) is in a safe phrase. */
function overlapsSafe(safe: Uint8Array, first: number, last: number): boolean {
  for (let word = first; word <= last; word += 1) if (safe[word] === 1) return true;
  return false;
}

/**
 * Drops matches that lie inside a longer one (and repeats of the same entry on the same
 * words, which two variants of one pattern can produce). Matches on exactly the same words
 * from different entries are both kept: "sale pédé" is one phrase, but a word can be listed
 * in two categories.
 */
function longestReadings(matches: RawMatch[]): RawMatch[] {
  matches.sort((a, b) => a.first - b.first || b.last - a.last || a.entry - b.entry);
  const kept: RawMatch[] = [];
  let reachBefore = -1;
  let group = 0;
  while (group < matches.length) {
    const first = matches[group]!.first;
    const longest = matches[group]!.last;
    let next = group;
    while (next < matches.length && matches[next]!.first === first) {
      const match = matches[next]!;
      const previous = kept.at(-1);
      const repeat =
        previous?.first === match.first && previous.last === match.last && previous.entry === match.entry;
      if (match.last === longest && match.last > reachBefore && !repeat) kept.push(match);
      next += 1;
    }
    reachBefore = Math.max(reachBefore, longest);
    group = next;
  }
  return kept;
}

const MATCHERS = new Map<string, TermMatcher>();

/** The matcher for these languages' lists, compiled on first use and kept. */
export function termMatcherFor(languages: readonly ListLanguage[]): TermMatcher {
  const key = [...languages].sort().join('+');
  let matcher = MATCHERS.get(key);
  if (!matcher) {
    matcher = new TermMatcher(languages);
    MATCHERS.set(key, matcher);
  }
  return matcher;
}
