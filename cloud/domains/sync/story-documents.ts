// Story documents as sync stores them, mirrored into the `stories` table (0005) so the stories
// routes, the story quota and the adversary's story checks see synced stories too.
import type { Tx } from '../../db/database.js';
import { ForbiddenError } from '../../server/http-errors.js';
import { readPolicy } from '../policies/policy-store.js';

export interface StoredDocument {
  version: number;
  deleted: boolean;
  body: Record<string, unknown>;
}

const TITLE_MAX = 200;
const COPY_SUFFIX = ' (conflict copy)';

export function titleOf(body: Record<string, unknown>): string {
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  return (title || 'Untitled story').slice(0, TITLE_MAX);
}

/** The body of a conflict copy: the same story, its title saying what it is. */
export function conflictCopyBody(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, title: titleOf(body).slice(0, TITLE_MAX - COPY_SUFFIX.length) + COPY_SUFFIX };
}

export async function readDocumentForUpdate(
  tx: Tx,
  tenantId: string,
  storyId: string,
): Promise<StoredDocument | undefined> {
  return tx.maybeOne<StoredDocument>(
    'SELECT version, deleted, body FROM sync_documents WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
    [tenantId, storyId],
  );
}

export async function checkStoryQuota(tx: Tx, tenantId: string, storyId: string): Promise<void> {
  const exists = await tx.maybeOne('SELECT 1 FROM stories WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    storyId,
  ]);
  if (exists) return;
  const quota = await readPolicy(tx, tenantId, 'quota.stories');
  const { n } = await tx.one<{ n: number }>('SELECT count(*)::int AS n FROM stories WHERE tenant_id = $1', [
    tenantId,
  ]);
  if (n >= quota)
    throw new ForbiddenError(
      `This family or school has reached its limit of ${quota} stories.`,
      'quota_reached',
    );
}

export interface DocumentWrite {
  storyId: string;
  version: number;
  baseVersion: number;
  body: Record<string, unknown>;
  deleted: boolean;
  cursor: number;
  accountId: string;
  at: Date;
}

export async function writeDocument(tx: Tx, tenantId: string, w: DocumentWrite): Promise<void> {
  await tx.execute(
    `INSERT INTO sync_documents (tenant_id, id, version, base_version, body, deleted, cursor, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (tenant_id, id) DO UPDATE SET version = EXCLUDED.version,
       base_version = EXCLUDED.base_version, body = EXCLUDED.body, deleted = EXCLUDED.deleted,
       cursor = EXCLUDED.cursor, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [
      tenantId,
      w.storyId,
      w.version,
      w.baseVersion,
      JSON.stringify(w.body),
      w.deleted,
      w.cursor,
      w.accountId,
      w.at,
    ],
  );
  if (w.deleted) {
    await tx.execute('DELETE FROM stories WHERE tenant_id = $1 AND id = $2', [tenantId, w.storyId]);
  } else {
    await tx.execute(
      `INSERT INTO stories (tenant_id, id, title, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, id) DO UPDATE SET title = EXCLUDED.title, updated_at = EXCLUDED.updated_at`,
      [tenantId, w.storyId, titleOf(w.body), w.at],
    );
  }
}
