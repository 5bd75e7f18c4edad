/**
 * Finds personal data in a text (personal-data-patterns.ts). Where two finds overlap, the
 * stronger kind wins, in the order of PERSONAL_DATA_KINDS: the digits of an IBAN are not
 * also reported as a phone number.
 */
import type { Severity } from './moderation-category';
import type { PersonalDataKind } from './personal-data-patterns';
import { PERSONAL_DATA_PATTERNS } from './personal-data-patterns';

export interface PersonalDataSpan {
  kind: PersonalDataKind;
  severity: Severity;
  start: number;
  end: number;
  /** What the parent is shown instead of the original characters. */
  masked: string;
}

/** The personal data in a text, in text order, no two overlapping. */
export function findPersonalData(text: string): PersonalDataSpan[] {
  let kept: PersonalDataSpan[] = [];
  for (const pattern of PERSONAL_DATA_PATTERNS) {
    if (pattern.requires && !pattern.requires.test(text)) continue;
    const found: PersonalDataSpan[] = [];
    for (const match of text.matchAll(pattern.regex)) {
      if (pattern.accept && !pattern.accept(match)) continue;
      const start = match.index;
      const end = start + match[0].length;
      if (overlapsAny(kept, start, end)) continue;
      found.push({ kind: pattern.kind, severity: pattern.severity, start, end, masked: pattern.mask(match) });
    }
    if (found.length > 0) kept = [...kept, ...found].sort((a, b) => a.start - b.start);
  }
  return kept;
}

/** Whether [start, end) overlaps a span of `sorted` (sorted by start, not overlapping each other). */
export function overlapsAny(sorted: readonly PersonalDataSpan[], start: number, end: number): boolean {
  let low = 0;
  let high = sorted.length;
  // The first span that ends after `start`; only it can overlap, the spans being disjoint and sorted.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.end <= start) low = middle + 1;
    else high = middle;
  }
  const candidate = sorted[low];
  return candidate !== undefined && candidate.start < end;
}
