/**
 * Moderation of the library's stories: the word lists and patterns (models/moderation) read
 * every story at its age range whenever it is saved, drafted or imported. A flagged story
 * shows why and cannot be packed for a box until a parent approves exactly those findings;
 * the decision (reason, time, what was approved) is kept. An edit that brings new findings
 * needs a new decision. What the drafting model's own pass found (when a model was loaded) is
 * kept with the content it read and counts as long as that content is unchanged.
 */
import { createHash } from 'node:crypto';

import type Database from 'better-sqlite3';

import { moderateStory, type StoryModerationFinding } from '../../../models/moderation/moderate-story';
import type { ModerationFinding } from '../../../models/moderation/moderation-result';
import { TalemoError } from '../errors';
import { storyText } from '../search/story-text';
import type { Story } from '../story/story';

export interface ModerationDecision {
  storyId: string;
  reason: string;
  decidedAt: string;
  /** How many findings the parent approved. */
  findings: number;
}

export interface StoryModerationReport {
  /** ok: nothing found; approved: found, and a parent approved it; flagged: found, not approved. */
  status: 'ok' | 'approved' | 'flagged';
  findings: StoryModerationFinding[];
  /** Findings left out past the report's limit (the same word again and again). */
  omitted: number;
  decision: ModerationDecision | null;
}

type Moderated = Pick<Story, 'id' | 'title' | 'summary' | 'language' | 'ageRange' | 'graph'>;

export class StoryModeration {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /**
   * What the lists find, with the model's findings: those stored for this story's current
   * content, or `modelFindings` for a story not saved yet.
   */
  check(story: Moderated, modelFindings?: readonly ModerationFinding[]): StoryModerationReport {
    const result = moderateStory(story, story.ageRange);
    const fromModel = (modelFindings ?? this.#storedModelFindings(story)).map((finding) =>
      located(story, finding),
    );
    result.findings.push(...fromModel);
    if (result.findings.length === 0) return { status: 'ok', findings: [], omitted: 0, decision: null };
    const row = this.#db
      .prepare(
        `SELECT reason, decided_at AS decidedAt, findings FROM moderation_decisions
         WHERE story_id = ? AND findings_hash = ?`,
      )
      .get(story.id, fingerprint(result.findings)) as
      { reason: string; decidedAt: string; findings: string } | undefined;
    const decision = row
      ? {
          storyId: story.id,
          reason: row.reason,
          decidedAt: row.decidedAt,
          findings: (JSON.parse(row.findings) as unknown[]).length,
        }
      : null;
    return {
      status: decision ? 'approved' : 'flagged',
      findings: result.findings,
      omitted: result.omitted,
      decision,
    };
  }

  /** The story's status as the library shows it. */
  status(story: Moderated): Story['moderation'] {
    return this.check(story).status === 'flagged' ? 'flagged' : 'approved';
  }

  /** A parent's approval of what moderation found in the story as it is now. */
  approve(story: Moderated, reason: string): ModerationDecision {
    const report = this.check(story);
    if (report.status === 'ok') {
      throw new TalemoError(
        'invalid-input',
        `Moderation found nothing in "${story.title}": there is nothing to approve.`,
      );
    }
    const decidedAt = new Date().toISOString();
    const approved = report.findings.map(({ category, severity, term, field, nodeId }) => ({
      category,
      severity,
      term,
      field,
      nodeId,
    }));
    this.#db
      .prepare(
        `INSERT INTO moderation_decisions (story_id, findings_hash, findings, reason, decided_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (story_id, findings_hash) DO UPDATE SET reason = excluded.reason, decided_at = excluded.decided_at`,
      )
      .run(story.id, fingerprint(report.findings), JSON.stringify(approved), reason, decidedAt);
    return { storyId: story.id, reason, decidedAt, findings: approved.length };
  }

  /** Keeps what the model's pass found in the story as it is now. */
  recordModelFindings(story: Moderated, model: string, findings: readonly ModerationFinding[]): void {
    this.#db
      .prepare(
        `INSERT INTO moderation_model_findings (story_id, content_hash, model, findings, checked_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (story_id) DO UPDATE SET content_hash = excluded.content_hash, model = excluded.model,
           findings = excluded.findings, checked_at = excluded.checked_at`,
      )
      .run(story.id, contentHash(story), model, JSON.stringify(findings), new Date().toISOString());
  }

  #storedModelFindings(story: Moderated): ModerationFinding[] {
    const row = this.#db
      .prepare('SELECT content_hash AS hash, findings FROM moderation_model_findings WHERE story_id = ?')
      .get(story.id) as { hash: string; findings: string } | undefined;
    return row && row.hash === contentHash(story) ? (JSON.parse(row.findings) as ModerationFinding[]) : [];
  }

  /** Refuses to pack a story moderation flagged and no parent approved, saying why. */
  assertPackable(story: Moderated): void {
    const report = this.check(story);
    if (report.status !== 'flagged') return;
    const first = report.findings[0]!;
    throw new TalemoError(
      'moderation-flagged',
      `"${story.title}" was flagged by moderation (${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}, first: ${first.category}, "${first.passage}"). A parent must review and approve it before it goes on a box.`,
      { findings: report.findings.length },
    );
  }
}

/** Findings as a parent saw them: what, how bad and where (not offsets, which any edit moves). */
function fingerprint(findings: readonly StoryModerationFinding[]): string {
  const key = findings.map(({ category, severity, term, field, nodeId }) => [
    category,
    severity,
    term,
    field,
    nodeId,
  ]);
  return createHash('sha256').update(JSON.stringify(key)).digest('hex');
}

/** The story's words (the ones the model read), hashed: what a model's findings are tied to. */
export function contentHash(story: Pick<Story, 'title' | 'summary' | 'graph'>): string {
  return createHash('sha256').update(storyText(story)).digest('hex');
}

/** A model finding placed on the node whose text holds its passage (else on the story as a whole). */
function located(story: Moderated, finding: ModerationFinding): StoryModerationFinding {
  const stage = story.graph.stages.find(
    (candidate) => finding.passage && candidate.text.includes(finding.passage),
  );
  return { ...finding, field: 'text', nodeId: stage?.id ?? null };
}
