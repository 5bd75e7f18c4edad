// Erasing a tenant: a confirmation token first (one-time, 15 minutes, stored as SHA-256), then
// one transaction that deletes the tenant row, which cascades to every tenant table, and leaves
// a tombstone without personal data. The audit log goes with the tenant (it names children and
// members); the tombstone keeps its length and last hash, so an export taken before erasure
// can still be shown to be the chain that ended.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Tx } from '../../db/database.js';
import { ForbiddenError } from '../../server/http-errors.js';
import { verifyAudit } from '../audit/audit-log.js';
import { tenantRowCounts } from './tenant-tables.js';

export const CONFIRMATION_TTL_SECONDS = 15 * 60;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export interface Tombstone {
  tenantId: string;
  erasedAt: string;
  auditEntries: number;
  auditHead: string | null;
  rowCounts: Record<string, number>;
}

export async function requestErasure(
  tx: Tx,
  tenantId: string,
  accountId: string,
  now: Date,
): Promise<{ confirmationToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + CONFIRMATION_TTL_SECONDS * 1000);
  await tx.execute(
    `INSERT INTO erasure_requests (tenant_id, token_hash, requested_by, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET token_hash = EXCLUDED.token_hash,
       requested_by = EXCLUDED.requested_by, expires_at = EXCLUDED.expires_at`,
    [tenantId, sha256(token).toString('hex'), accountId, expiresAt],
  );
  return { confirmationToken: token, expiresAt };
}

async function checkConfirmation(tx: Tx, tenantId: string, token: string, now: Date): Promise<void> {
  const row = await tx.maybeOne<{ token_hash: string; expires_at: Date }>(
    'SELECT token_hash, expires_at FROM erasure_requests WHERE tenant_id = $1 FOR UPDATE',
    [tenantId],
  );
  const matches = row !== undefined && timingSafeEqual(Buffer.from(row.token_hash, 'hex'), sha256(token));
  if (!row || !matches || row.expires_at <= now) {
    throw new ForbiddenError(
      'That erasure confirmation is wrong or has expired; ask for a new one (POST /family-data/erasure).',
      'confirmation_invalid',
    );
  }
}

/** Deletes every row of the tenant; the caller removes its files after this commits. */
export async function eraseTenant(tx: Tx, tenantId: string, token: string, now: Date): Promise<Tombstone> {
  await checkConfirmation(tx, tenantId, token, now);
  const audit = await verifyAudit(tx, tenantId);
  const rowCounts = await tenantRowCounts(tx, tenantId);
  // The audit log's trigger lets these rows go only in a transaction that says so.
  await tx.rows(`SELECT set_config('app.erase_tenant', $1, true)`, [tenantId]);
  await tx.execute('DELETE FROM tenants WHERE id = $1', [tenantId]);
  const tombstone: Tombstone = {
    tenantId,
    erasedAt: now.toISOString(),
    auditEntries: audit.entries,
    auditHead: audit.head,
    rowCounts,
  };
  await tx.execute(
    `INSERT INTO erasure_tombstones (tenant_id, erased_at, audit_entries, audit_head, row_counts)
     VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [tenantId, now, audit.entries, audit.head, JSON.stringify(rowCounts)],
  );
  return tombstone;
}

/** The filesystem asset folder sync keeps for the tenant (<data>/assets/<tenant>). */
export async function eraseTenantFiles(dataDir: string, tenantId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(tenantId)) throw new Error(`Not a tenant id: ${tenantId}`);
  await rm(path.join(dataDir, 'assets', tenantId), { recursive: true, force: true });
}
