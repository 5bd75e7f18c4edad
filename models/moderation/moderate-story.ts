/**
 * Moderation of a whole story: its title, its summary and the text of every stage of its
 * graph, each finding saying where it is, so the editor can open that node. The language
 * is the story's own, or else guessed per paragraph with the guess for all the story's text
 * together to fall back on: a short stage ("Oui !", "The end") says too little by itself.
 */
import type { AgeRange } from './age-range';
import { selectMostSevere } from './finding-selection';
import { languageChoiceFor } from './language-guess';
import { describeFinding, scanTextIn } from './moderate-text';
import type { ModerationFinding, ModerationResult } from './moderation-result';
import { MAX_FINDINGS } from './moderation-result';
import type { ScannedFinding, TextScan } from './text-scan';
import { wordTokens } from './word-tokens';

/** The parts of a story moderation reads (the library's Story fits). */
export interface ModeratedStory {
  title: string;
  summary: string;
  /** The story's language ("fr", "en"); guessed from its text when absent. */
  language?: string;
  graph: { stages: ReadonlyArray<{ id: string; text?: string | null }> };
}

export interface StoryModerationFinding extends ModerationFinding {
  /** Where the finding is: the title, the summary, or a stage's text. */
  field: 'title' | 'summary' | 'text';
  /** The stage's node id for a finding in a stage's text; null for the title and summary. */
  nodeId: string | null;
}

export interface StoryModerationResult extends Omit<ModerationResult, 'findings'> {
  /** Title first, then summary, then stages in graph order; in text order within each. */
  findings: StoryModerationFinding[];
}

interface Part {
  field: StoryModerationFinding['field'];
  nodeId: string | null;
  text: string;
}

export function moderateStory(story: ModeratedStory, ageRange: AgeRange): StoryModerationResult {
  const parts = storyParts(story);
  const languages = languageChoiceFor(
    story?.language,
    wordTokens(parts.map((part) => part.text).join('\n')).words,
  );
  const located: Array<{
    finding: ScannedFinding;
    part: Part;
    scan: TextScan;
    severity: ScannedFinding['severity'];
    start: number;
  }> = [];
  let order = 0;
  for (const part of parts) {
    const scan = scanTextIn(part.text, languages, ageRange);
    // `start` orders findings across parts for the selection: title, summary, stages.
    for (const finding of scan.findings)
      located.push({ finding, part, scan, severity: finding.severity, start: order++ });
  }
  const { kept, omitted } = selectMostSevere(located, MAX_FINDINGS);
  const findings = kept.map(({ finding, part, scan }) => ({
    ...describeFinding(part.text, finding, scan),
    field: part.field,
    nodeId: part.nodeId,
  }));
  return { status: findings.length > 0 ? 'flagged' : 'ok', findings, omitted };
}

function storyParts(story: ModeratedStory): Part[] {
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const stages = Array.isArray(story?.graph?.stages) ? story.graph.stages : [];
  return [
    { field: 'title', nodeId: null, text: text(story?.title) },
    { field: 'summary', nodeId: null, text: text(story?.summary) },
    ...stages.map((stage): Part => ({ field: 'text', nodeId: stage.id, text: text(stage.text) })),
  ];
}
