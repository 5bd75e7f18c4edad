/**
 * Moderation of one text: every AI draft and every imported text goes through it before it
 * can be packed for a child. Word lists and patterns only; deterministic, linear in the
 * text, and it never throws: any string is accepted (empty, binary bytes read as text).
 * See README.md for what is looked for and the age table.
 */
import type { AgeRange } from './age-range';
import { findingPassage } from './finding-passage';
import { selectMostSevere } from './finding-selection';
import type { LanguageChoice } from './language-guess';
import { languageChoiceFor } from './language-guess';
import type { ModerationFinding, ModerationOptions, ModerationResult } from './moderation-result';
import { MAX_FINDINGS } from './moderation-result';
import type { ScannedFinding, TextScan } from './text-scan';
import { scanText } from './text-scan';
import { wordTokens } from './word-tokens';

export function moderateText(text: string, options: ModerationOptions): ModerationResult {
  const safeText = typeof text === 'string' ? text : '';
  const tokens = wordTokens(safeText);
  const languages = languageChoiceFor(options?.language, tokens.words);
  const scan = scanText(safeText, tokens, languages, options?.ageRange);
  const { kept, omitted } = selectMostSevere(scan.findings, MAX_FINDINGS);
  const findings = kept.map((finding) => describeFinding(safeText, finding, scan));
  return { status: findings.length > 0 ? 'flagged' : 'ok', findings, omitted };
}

/** For moderateStory, which decides the languages once for the whole story. */
export function scanTextIn(text: string, languages: LanguageChoice, ageRange: AgeRange): TextScan {
  const safeText = typeof text === 'string' ? text : '';
  return scanText(safeText, wordTokens(safeText), languages, ageRange);
}

/** A scanned finding as a parent sees it: its words (masked if personal) and its passage. */
export function describeFinding(text: string, finding: ScannedFinding, scan: TextScan): ModerationFinding {
  const described: ModerationFinding = {
    category: finding.category,
    severity: finding.severity,
    term: finding.masked ?? text.slice(finding.start, finding.end).replace(/\s+/g, ' '),
    passage: findingPassage(text, finding.start, finding.end, scan.personal),
    start: finding.start,
    end: finding.end,
    source: 'list',
  };
  if (finding.kind) described.kind = finding.kind;
  return described;
}
