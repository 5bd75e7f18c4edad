/**
 * One pass over a text: its personal data, and the listed terms flagged at the story's
 * age. Passages are not made here: a 1 MB text can hold a hundred thousand matches, and only
 * the few a parent will read (finding-selection.ts) get one.
 */
import type { AgeRange } from './age-range';
import { isFlaggedAtAge } from './age-policy';
import type { LanguageChoice } from './language-guess';
import { paragraphLanguages } from './language-guess';
import type { ModerationCategory, Severity } from './moderation-category';
import type { PersonalDataSpan } from './personal-data-finder';
import { findPersonalData, overlapsAny } from './personal-data-finder';
import type { PersonalDataKind } from './personal-data-patterns';
import type { TermMatch } from './term-matcher';
import { termMatcherFor } from './term-matcher';
import type { WordTokens } from './word-tokens';

export interface ScannedFinding {
  category: ModerationCategory;
  severity: Severity;
  start: number;
  end: number;
  /** Personal data only: the masked text, and what it is. */
  masked?: string;
  kind?: PersonalDataKind;
}

export interface TextScan {
  /** In text order. */
  findings: ScannedFinding[];
  /** Every piece of personal data, flagged or not, for masking passages. */
  personal: PersonalDataSpan[];
}

export function scanText(
  text: string,
  tokens: WordTokens,
  languages: LanguageChoice,
  ageRange: AgeRange,
): TextScan {
  const personal = findPersonalData(text);
  const findings: ScannedFinding[] = [];
  for (const match of listedTerms(text, tokens, languages)) {
    if (!isFlaggedAtAge(match.category, match.severity, ageRange)) continue;
    const start = tokens.starts[match.firstWord]!;
    const end = tokens.ends[match.lastWord]!;
    // A word inside an email address or a name ("killer@…") would show part of it unmasked;
    // the personal data finding covers it.
    if (overlapsAny(personal, start, end)) continue;
    findings.push({ category: match.category, severity: match.severity, start, end });
  }
  for (const span of personal) {
    if (!isFlaggedAtAge('personal-data', span.severity, ageRange)) continue;
    findings.push({
      category: 'personal-data',
      severity: span.severity,
      start: span.start,
      end: span.end,
      masked: span.masked,
      kind: span.kind,
    });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { findings, personal };
}

/** Whether text[from, to), the gap between two words, holds a blank line (two line breaks): a paragraph ends there. */
function isParagraphBreak(text: string, from: number, to: number): boolean {
  let breaks = 0;
  for (let at = from; at < to; at += 1) if (text.charCodeAt(at) === 10 && ++breaks === 2) return true;
  return false;
}

/** The listed terms of each paragraph, read with the lists of that paragraph's language. */
function listedTerms(text: string, tokens: WordTokens, languages: LanguageChoice): TermMatch[] {
  const matches: TermMatch[] = [];
  const count = tokens.words.length;
  let from = 0;
  for (let at = 1; at <= count; at += 1) {
    if (at < count && !isParagraphBreak(text, tokens.ends[at - 1]!, tokens.starts[at]!)) continue;
    const lists = paragraphLanguages(languages, tokens.words.slice(from, at));
    matches.push(...termMatcherFor(lists).match(tokens, from, at));
    from = at;
  }
  return matches;
}
