/**
 * Moderation in two passes: the word lists and patterns (moderateText), then a classifier
 * (moderation-classifier.ts), merged into one result.
 *
 * Merging: a classifier finding goes through the same age table as the lists' (the
 * classifier is told the age, but one table decides for both). One that overlaps a list
 * finding of the same category adds nothing new but a possibly higher severity: the list
 * finding stays (its exact words), takes the higher severity, and says `source: 'both'`.
 * Any other is added, its passage located in the text (start/end -1 when it is not there
 * verbatim) and its personal data masked like everything else shown to a parent.
 *
 * When the classifier fails (no model loaded, it crashed), the lists' result still stands
 * and `classifier.status` is 'failed' with why, so the app can say "checked by word lists
 * only". When the caller aborts, this rejects with the signal's reason.
 */
import { isFlaggedAtAge } from './age-policy';
import { findingPassage, maskedText } from './finding-passage';
import { selectMostSevere } from './finding-selection';
import type { ClassifierFinding, ModerationClassifier } from './moderation-classifier';
import { parseClassifierFindings } from './moderation-classifier';
import { severityRank } from './moderation-category';
import type { ModerationFinding, ModerationOptions, ModerationResult } from './moderation-result';
import { MAX_FINDINGS } from './moderation-result';
import { moderateText } from './moderate-text';
import type { PersonalDataSpan } from './personal-data-finder';
import { findPersonalData } from './personal-data-finder';

export interface ClassifiedModerationResult extends ModerationResult {
  classifier: { status: 'done' } | { status: 'failed'; error: string };
}

/** A classifier finding's term: its passage, cut to this many characters. */
const TERM_LENGTH = 80;

export async function moderateWithClassifier(
  text: string,
  options: ModerationOptions & { signal?: AbortSignal },
  classifier: ModerationClassifier,
): Promise<ClassifiedModerationResult> {
  const signal = options.signal;
  signal?.throwIfAborted();
  const safeText = typeof text === 'string' ? text : '';
  const listed = moderateText(safeText, options);
  let answer: unknown;
  try {
    answer = await classifier.classify(safeText, options.ageRange, signal);
  } catch (error) {
    signal?.throwIfAborted();
    return {
      ...listed,
      classifier: { status: 'failed', error: error instanceof Error ? error.message : String(error) },
    };
  }
  signal?.throwIfAborted();
  const personal = findPersonalData(safeText);
  const merged = listed.findings.map((finding) => ({ ...finding }));
  const added: ModerationFinding[] = [];
  for (const found of parseClassifierFindings(answer)) {
    if (!isFlaggedAtAge(found.category, found.severity, options.ageRange)) continue;
    const [start, end] = locate(safeText, found.passage);
    const same =
      start >= 0
        ? merged.find((f) => f.category === found.category && f.start < end && start < f.end)
        : undefined;
    if (same) {
      if (severityRank(found.severity) > severityRank(same.severity)) same.severity = found.severity;
      same.source = 'both';
      continue;
    }
    // A model that repeats itself is reported once per category and passage.
    const repeat = added.some(
      (f) =>
        f.category === found.category &&
        f.start === start &&
        f.end === end &&
        (start >= 0 || f.passage === found.passage),
    );
    if (!repeat) added.push(classifierFinding(safeText, found, start, end, personal));
  }
  const all = [...merged, ...added].sort((a, b) => order(a) - order(b));
  const { kept, omitted } = selectMostSevere(all, MAX_FINDINGS);
  return {
    status: kept.length > 0 ? 'flagged' : 'ok',
    findings: kept,
    omitted: omitted + listed.omitted,
    classifier: { status: 'done' },
  };
}

/** Passages not found in the text go last. */
function order(finding: ModerationFinding): number {
  return finding.start < 0 ? Number.MAX_SAFE_INTEGER : finding.start;
}

/** Where the passage is in the text: verbatim, else with its spacing and case relaxed; [-1, -1] if not. */
function locate(text: string, passage: string): [number, number] {
  const exact = text.indexOf(passage);
  if (exact >= 0) return [exact, exact + passage.length];
  const words = passage.split(/\s+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0 || words.length > 200) return [-1, -1];
  const loose = new RegExp(words.join('\\s+'), 'iu').exec(text);
  return loose ? [loose.index, loose.index + loose[0].length] : [-1, -1];
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function classifierFinding(
  text: string,
  found: ClassifierFinding,
  start: number,
  end: number,
  personal: readonly PersonalDataSpan[],
): ModerationFinding {
  // Not in the text verbatim: the passage is shown as the classifier wrote it, its own
  // personal data found and masked.
  const [source, from, to, spans] =
    start >= 0
      ? [text, start, end, personal]
      : [found.passage, 0, found.passage.length, findPersonalData(found.passage)];
  const passage = findingPassage(source, from, to, spans);
  const term = maskedText(source, from, to, spans);
  return {
    category: found.category,
    severity: found.severity,
    term: term.length > TERM_LENGTH ? `${term.slice(0, TERM_LENGTH - 1)}…` : term,
    passage,
    start,
    end,
    source: 'classifier',
  };
}
