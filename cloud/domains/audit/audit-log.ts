// Appending to and reading a tenant's audit log, inside the caller's tenant transaction, so an
// audited change and its entry commit or roll back together.
import type { Tx } from '../../db/database.js';
import {
  entryHash,
  GENESIS_HASH,
  verifyEntries,
  type ChainedEntry,
  type VerifyResult,
} from './audit-chain.js';

export interface AuditEvent {
  tenantId: string;
  /** The account that made the change; null for the service itself (a Stripe webhook). */
  actorId: string | null;
  /** What happened, dotted: 'consent.granted', 'policy.set', 'member.profile_changed'. */
  action: string;
  /** What it happened to: a child id, a policy key, an account id. */
  subject: string;
  details: Record<string, unknown>;
  at: Date;
}

interface AuditRow {
  tenant_id: string;
  seq: string | number;
  at: Date;
  actor_id: string | null;
  action: string;
  subject: string;
  details: unknown;
  prev_hash: string;
  hash: string;
}

function toEntry(row: AuditRow): ChainedEntry {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    subject: row.subject,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const COLUMNS = 'tenant_id, seq, at, actor_id, action, subject, details, prev_hash, hash';

/** Adds one entry at the end of the tenant's chain. */
export async function appendAudit(tx: Tx, event: AuditEvent): Promise<ChainedEntry> {
  // Two appends in one tenant must not both read the same head; the lock lasts until commit.
  await tx.rows(`SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))`, [event.tenantId]);
  const head = await tx.maybeOne<{ seq: string | number; hash: string }>(
    'SELECT seq, hash FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1',
    [event.tenantId],
  );
  // Round-trip the details through JSON so the hash covers what jsonb will give back.
  const details = JSON.parse(JSON.stringify(event.details)) as unknown;
  // timestamptz keeps microseconds, a Date milliseconds: hash the value the row will hold.
  const at = new Date(event.at.getTime());
  const fields = {
    tenantId: event.tenantId,
    seq: head ? Number(head.seq) + 1 : 1,
    at,
    actorId: event.actorId,
    action: event.action,
    subject: event.subject,
    details,
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, fields);
  await tx.execute(`INSERT INTO audit_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`, [
    fields.tenantId,
    fields.seq,
    at,
    fields.actorId,
    fields.action,
    fields.subject,
    JSON.stringify(details),
    prevHash,
    hash,
  ]);
  return { ...fields, prevHash, hash };
}

/** Entries after `afterSeq`, oldest first. */
export async function readAudit(
  tx: Tx,
  tenantId: string,
  afterSeq = 0,
  limit = 1_000_000,
): Promise<ChainedEntry[]> {
  const rows = await tx.rows<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [tenantId, afterSeq, limit],
  );
  return rows.map(toEntry);
}

/** Recomputes the tenant's whole chain. */
export async function verifyAudit(tx: Tx, tenantId: string): Promise<VerifyResult> {
  return verifyEntries(await readAudit(tx, tenantId));
}
