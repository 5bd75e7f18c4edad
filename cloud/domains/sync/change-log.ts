// The tenant's change log and its cursor. See 0020_sync.sql for why a per-tenant counter row,
// locked for the whole push transaction, keeps cursors in commit order.
import type { Tx } from '../../db/database.js';
import { ForbiddenError } from '../../server/http-errors.js';

/** Locks the tenant's counter until this transaction ends and returns its current value. */
export async function lockCursor(tx: Tx, tenantId: string): Promise<number> {
  // ON CONFLICT DO UPDATE locks the row even though it changes nothing; after waiting for another
  // push, it reads that push's committed value (READ COMMITTED re-check).
  const row = await tx.one<{ last_cursor: string | number }>(
    `INSERT INTO sync_counters (tenant_id) VALUES ($1)
     ON CONFLICT (tenant_id) DO UPDATE SET last_cursor = sync_counters.last_cursor
     RETURNING last_cursor`,
    [tenantId],
  );
  return Number(row.last_cursor);
}

export async function saveCursor(tx: Tx, tenantId: string, cursor: number): Promise<void> {
  await tx.execute('UPDATE sync_counters SET last_cursor = $2 WHERE tenant_id = $1', [tenantId, cursor]);
}

export interface LoggedChange {
  cursor: number;
  storyId: string;
  version: number;
  deleted: boolean;
  deviceId: string;
  opId: string;
  at: Date;
}

export async function appendChange(tx: Tx, tenantId: string, change: LoggedChange): Promise<void> {
  await tx.execute(
    `INSERT INTO sync_changes (tenant_id, cursor, story_id, version, deleted, device_id, op_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      tenantId,
      change.cursor,
      change.storyId,
      change.version,
      change.deleted,
      change.deviceId,
      change.opId,
      change.at,
    ],
  );
}

export interface PulledStory {
  storyId: string;
  version: number;
  cursor: number;
  deleted: boolean;
  body: Record<string, unknown> | null;
  updatedAt: string;
}

interface DocumentRow {
  sync_on: boolean;
  id: string | null;
  version: number;
  cursor: string | number;
  deleted: boolean;
  body: Record<string, unknown>;
  updated_at: Date;
}

/** Sync is turned off for this tenant (policy feature.sync). */
export class SyncDisabledError extends ForbiddenError {
  constructor() {
    super('Sync is turned off for this family or school (policy feature.sync).', 'sync_disabled');
  }
}

/**
 * Stories changed after `cursor`, each once at its latest version (a document carries the cursor
 * of its latest change), in cursor order. The feature.sync flag is read in the same statement:
 * pull is the route clients poll, and on PGlite every statement counts. The flag is on unless
 * stored as false, which is what readPolicy() makes of any stored value for a boolean key.
 * It is the transaction's last statement (finalRows: COMMIT travels with it).
 */
export async function pullSince(
  tx: Tx,
  tenantId: string,
  cursor: number,
  limit: number,
): Promise<{ changes: PulledStory[]; cursor: number; more: boolean }> {
  // The transaction's only statement: COMMIT goes with it, so a pull is one round trip in all.
  const rows = await tx.finalRows<DocumentRow>(
    `WITH flag AS (
       SELECT NOT EXISTS (SELECT 1 FROM tenant_policies
                          WHERE tenant_id = $1 AND key = 'feature.sync' AND value = 'false'::jsonb) AS sync_on)
     SELECT flag.sync_on, d.id, d.version, d.cursor, d.deleted, d.body, d.updated_at
     FROM flag LEFT JOIN LATERAL (
       SELECT id, version, cursor, deleted, body, updated_at FROM sync_documents
       WHERE flag.sync_on AND tenant_id = $1 AND cursor > $2 ORDER BY cursor LIMIT $3
     ) d ON true
     ORDER BY d.cursor`,
    [tenantId, cursor, limit + 1],
  );
  if (rows[0] && !rows[0].sync_on) throw new SyncDisabledError();
  const found = rows.filter((r): r is DocumentRow & { id: string } => r.id !== null);
  const changes = found.slice(0, limit).map((r) => ({
    storyId: r.id,
    version: r.version,
    cursor: Number(r.cursor),
    deleted: r.deleted,
    body: r.deleted ? null : r.body,
    updatedAt: r.updated_at.toISOString(),
  }));
  return { changes, cursor: changes.at(-1)?.cursor ?? cursor, more: found.length > limit };
}
