/**
 * Stories in SQLite: create, read, list with filters, update and delete with optimistic
 * concurrency, and the keyword index kept in step in the same transaction.
 */
import { randomUUID } from 'node:crypto';

import type Database from 'better-sqlite3';

import { graphAssetHashes, type StoryGraph } from '../../../device-bridge/pack/story-graph';
import { TalemoError } from '../errors';
import type { AiProvenance, Story, StoryMeta, StorySummary } from '../story/story';
import { buildFtsQuery } from './fts-query';

export interface StoryFilters {
  language?: string | undefined;
  ageRange?: string | undefined;
  tags?: string[] | undefined;
  minDurationSec?: number | undefined;
  maxDurationSec?: number | undefined;
  limit?: number | undefined;
}

export interface StorySearchHit {
  story: StorySummary;
  score: number;
  snippet: string;
}

interface StoryRow {
  id: string;
  title: string;
  summary: string;
  language: string;
  age_range: string;
  tags: string;
  duration_sec: number;
  author: string;
  ai_generated: number;
  moderation: string;
  night_mode: number;
  node_count: number;
  cover_image: string | null;
  graph: string;
  ai_provenance: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const SUMMARY_COLUMNS = `s.id, s.title, s.summary, s.language, s.age_range, s.tags, s.duration_sec, s.author,
  s.ai_generated, s.moderation, s.night_mode, s.node_count, s.cover_image, s.version, s.created_at, s.updated_at`;
const DEFAULT_LIMIT = 200;
/** A story's keyword-index row, found through its indexed key (migration 0004), not by a scan. */
const DELETE_FTS_ROW = 'DELETE FROM stories_fts WHERE rowid = (SELECT fts_rowid FROM stories WHERE id = ?)';

export class StoryRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  count(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM stories').get() as { n: number }).n;
  }

  get(id: string): Story {
    const row = this.#db.prepare('SELECT * FROM stories WHERE id = ?').get(id) as StoryRow | undefined;
    if (!row) throw new TalemoError('not-found', `No story ${id} in this library.`);
    const { nodeCount: _n, coverImage: _c, ...fields } = rowToSummaryFields(row);
    const aiProvenance = row.ai_provenance === null ? null : (JSON.parse(row.ai_provenance) as AiProvenance);
    return { ...fields, aiProvenance, graph: JSON.parse(row.graph) as StoryGraph };
  }

  summary(id: string): StorySummary {
    const row = this.#db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM stories s WHERE s.id = ?`).get(id) as
      StoryRow | undefined;
    if (!row) throw new TalemoError('not-found', `No story ${id} in this library.`);
    return rowToSummaryFields(row);
  }

  /** Stories whose pack (cover node) id is this one: the same STUdio pack imported before. */
  findByPackId(packId: string): string[] {
    return (this.#db.prepare('SELECT id FROM stories WHERE pack_id = ?').all(packId) as { id: string }[]).map(
      (row) => row.id,
    );
  }

  insert(meta: StoryMeta, graph: StoryGraph, id: string = randomUUID()): Story {
    const now = new Date().toISOString();
    const story: Story = { ...meta, id, graph, version: 1, createdAt: now, updatedAt: now };
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO stories (id, title, summary, language, age_range, tags, duration_sec, author, ai_generated,
            ai_provenance, moderation, night_mode, pack_id, node_count, cover_image, graph, version, created_at,
            updated_at)
           VALUES (@id, @title, @summary, @language, @ageRange, @tags, @durationSec, @author, @aiGenerated,
            @aiProvenance, @moderation, @nightMode, @packId, @nodeCount, @coverImage, @graph, @version, @createdAt,
            @updatedAt)`,
        )
        .run(toRow(story));
      this.#writeIndexes(story, true);
    })();
    return story;
  }

  /**
   * Applies changes only if nobody saved since `expectedVersion` was read; otherwise throws
   * a conflict that carries the current version, so the UI can offer to reload.
   */
  update(id: string, expectedVersion: number, changes: Partial<StoryMeta> & { graph?: StoryGraph }): Story {
    return this.#db
      .transaction(() => {
        const current = this.get(id);
        if (current.version !== expectedVersion) throw conflict(current);
        const next: Story = {
          ...current,
          ...changes,
          id,
          version: current.version + 1,
          createdAt: current.createdAt,
          updatedAt: new Date().toISOString(),
        };
        const result = this.#db
          .prepare(
            `UPDATE stories SET title=@title, summary=@summary, language=@language, age_range=@ageRange, tags=@tags,
            duration_sec=@durationSec, author=@author, ai_generated=@aiGenerated, ai_provenance=@aiProvenance,
            moderation=@moderation,
            night_mode=@nightMode, pack_id=@packId, node_count=@nodeCount, cover_image=@coverImage, graph=@graph,
            version=@version, updated_at=@updatedAt
           WHERE id=@id AND version=@expectedVersion`,
          )
          .run({ ...toRow(next), expectedVersion });
        // Why check again: another process may have written between our read and this UPDATE.
        if (result.changes !== 1) throw conflict(this.get(id));
        this.#writeIndexes(next);
        return next;
      })
      .immediate();
  }

  /** Moderation's verdict, derived from the content: set after a save, without a new version. */
  setModeration(id: string, status: StoryMeta['moderation']): void {
    this.#db.prepare('UPDATE stories SET moderation = ? WHERE id = ?').run(status, id);
  }

  delete(id: string, expectedVersion: number): void {
    this.#db
      .transaction(() => {
        const current = this.get(id);
        if (current.version !== expectedVersion) throw conflict(current);
        this.#db.prepare(DELETE_FTS_ROW).run(id);
        this.#db.prepare('DELETE FROM stories WHERE id = ?').run(id);
      })
      .immediate();
  }

  list(filters: StoryFilters = {}): StorySummary[] {
    const { where, params } = filterClause(filters);
    const rows = this.#db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM stories s ${where} ORDER BY s.updated_at DESC, s.title LIMIT ?`,
      )
      .all(...params, filters.limit ?? DEFAULT_LIMIT) as StoryRow[];
    return rows.map(rowToSummaryFields);
  }

  /** Every story id within the filters, with no limit: the candidates of a filtered vector search. */
  ids(filters: StoryFilters = {}): string[] {
    const { where, params } = filterClause(filters);
    return this.#db
      .prepare(`SELECT s.id FROM stories s ${where} ORDER BY s.id`)
      .pluck()
      .all(...params) as string[];
  }

  /** What the library holds, whole: the filter pickers offer these, however large it is. */
  facets(): { total: number; languages: string[]; tags: string[] } {
    const languages = this.#db
      .prepare('SELECT DISTINCT language FROM stories ORDER BY language')
      .pluck()
      .all();
    const tags = this.#db
      .prepare('SELECT DISTINCT tag FROM story_tags ORDER BY tag COLLATE NOCASE')
      .pluck()
      .all();
    return { total: this.count(), languages: languages as string[], tags: tags as string[] };
  }

  /** Keyword search (BM25, title weighted highest) within the filters. */
  search(query: string, filters: StoryFilters = {}): StorySearchHit[] {
    const match = buildFtsQuery(query);
    if (!match) return [];
    const { where, params } = filterClause(filters, 'AND');
    const rows = this.#db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS}, bm25(stories_fts, 0, 10, 4, 4, 1) AS rank,
           snippet(stories_fts, -1, '[', ']', '…', 16) AS snippet
         FROM stories_fts f JOIN stories s ON s.fts_rowid = f.rowid
         WHERE stories_fts MATCH ? ${where}
         ORDER BY rank LIMIT ?`,
      )
      .all(match, ...params, filters.limit ?? DEFAULT_LIMIT) as (StoryRow & {
      rank: number;
      snippet: string;
    })[];
    // bm25() is lower-is-better and negative; flip it so a higher score means a better match.
    return rows.map((row) => ({ story: rowToSummaryFields(row), score: -row.rank, snippet: row.snippet }));
  }

  #writeIndexes(story: Story, isNew = false): void {
    if (!isNew) this.#db.prepare(DELETE_FTS_ROW).run(story.id);
    const { lastInsertRowid } = this.#db
      .prepare('INSERT INTO stories_fts (story_id, title, summary, tags, body) VALUES (?, ?, ?, ?, ?)')
      .run(story.id, story.title, story.summary, story.tags.join(' '), storyBody(story.graph));
    this.#db.prepare('UPDATE stories SET fts_rowid = ? WHERE id = ?').run(lastInsertRowid, story.id);
    this.#db.prepare('DELETE FROM story_tags WHERE story_id = ?').run(story.id);
    const tag = this.#db.prepare('INSERT OR IGNORE INTO story_tags (story_id, tag) VALUES (?, ?)');
    for (const name of story.tags) tag.run(story.id, name);
    this.#db.prepare('DELETE FROM story_assets WHERE story_id = ?').run(story.id);
    const reference = this.#db.prepare('INSERT INTO story_assets (story_id, hash) VALUES (?, ?)');
    for (const hash of graphAssetHashes(story.graph)) {
      try {
        reference.run(story.id, hash);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
          throw new TalemoError(
            'invalid-input',
            `The story uses asset ${hash}, which is not in the library.`,
          );
        }
        throw error;
      }
    }
  }
}

function conflict(current: Story): TalemoError {
  return new TalemoError(
    'conflict',
    `"${current.title}" was changed elsewhere (now version ${current.version}). Reload it, then make your change again.`,
    { currentVersion: current.version },
  );
}

/** The words of a story that keyword search should find: node names and texts. */
/**
 * The words a keyword search reads: each stage's text, or its name when it has none (an
 * audio-only STUdio pack names its stages; our own "Page 3" names would only add noise).
 */
function storyBody(graph: StoryGraph): string {
  return graph.stages.map((stage) => (stage.text.trim() ? stage.text : stage.name)).join('\n');
}

function filterClause(
  filters: StoryFilters,
  joiner: 'WHERE' | 'AND' = 'WHERE',
): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filters.language) {
    conditions.push('s.language = ?');
    params.push(filters.language);
  }
  if (filters.ageRange) {
    conditions.push('s.age_range = ?');
    params.push(filters.ageRange);
  }
  for (const tag of filters.tags ?? []) {
    conditions.push('EXISTS (SELECT 1 FROM story_tags t WHERE t.story_id = s.id AND t.tag = ?)');
    params.push(tag);
  }
  if (filters.minDurationSec !== undefined) {
    conditions.push('s.duration_sec >= ?');
    params.push(filters.minDurationSec);
  }
  if (filters.maxDurationSec !== undefined) {
    conditions.push('s.duration_sec <= ?');
    params.push(filters.maxDurationSec);
  }
  if (conditions.length === 0) return { where: '', params };
  return { where: `${joiner} ${conditions.join(' AND ')}`, params };
}

function toRow(story: Story): Record<string, unknown> {
  const cover = story.graph.stages.find((stage) => stage.id === story.graph.coverId);
  return {
    id: story.id,
    title: story.title,
    summary: story.summary,
    language: story.language,
    ageRange: story.ageRange,
    tags: JSON.stringify(story.tags),
    durationSec: story.durationSec,
    author: story.author,
    aiGenerated: story.aiGenerated ? 1 : 0,
    aiProvenance: story.aiProvenance ? JSON.stringify(story.aiProvenance) : null,
    moderation: story.moderation,
    nightMode: story.nightMode ? 1 : 0,
    packId: story.graph.coverId,
    nodeCount: story.graph.stages.length + story.graph.actions.length,
    coverImage: cover?.image?.hash ?? null,
    graph: JSON.stringify(story.graph),
    version: story.version,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
  };
}

function rowToSummaryFields(row: StoryRow): StorySummary {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    language: row.language,
    ageRange: row.age_range as StorySummary['ageRange'],
    tags: JSON.parse(row.tags) as string[],
    durationSec: row.duration_sec,
    author: row.author,
    aiGenerated: row.ai_generated === 1,
    moderation: row.moderation as StorySummary['moderation'],
    nightMode: row.night_mode === 1,
    nodeCount: row.node_count,
    coverImage: row.cover_image,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
