/** What moderation reports: whether a text may go on a child's box as it is, and why not. */
import type { AgeRange } from './age-range';
import type { ModerationCategory, Severity } from './moderation-category';
import type { PersonalDataKind } from './personal-data-patterns';

export interface ModerationOptions {
  /** The story's language ("fr", "en-GB"); left out, it is guessed from the text. */
  language?: string;
  ageRange: AgeRange;
}

export interface ModerationFinding {
  category: ModerationCategory;
  severity: Severity;
  /** What matched, as written; personal data masked ("06 •• •• •• 12"). */
  term: string;
  /** The sentence around it (about 120 characters each side at most), personal data masked. */
  passage: string;
  /** Where it is in the text (UTF-16 offsets, end exclusive); -1 for a classifier's passage not found verbatim. */
  start: number;
  end: number;
  /** The word lists and patterns, the classifier (moderateWithClassifier), or both on the same words. */
  source: 'list' | 'classifier' | 'both';
  /** For personal data: what it is. */
  kind?: PersonalDataKind;
}

export interface ModerationResult {
  /** 'flagged' when there is at least one finding for this age range. */
  status: 'ok' | 'flagged';
  /** In text order. At most MAX_FINDINGS, the most severe kept. */
  findings: ModerationFinding[];
  /** Findings left out past MAX_FINDINGS (a text full of the same word). */
  omitted: number;
}

/** A parent reads findings one by one; past this many, more would not change the decision. */
export const MAX_FINDINGS = 200;
