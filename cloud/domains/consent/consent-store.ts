// Children and consent records inside a tenant transaction. Recording a decision also appends
// it to the audit log, in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.js';
import { appendAudit } from '../audit/audit-log.js';
import { CONSENT_KINDS, type ConsentKind } from './consent-kinds.js';

export interface Child {
  id: string;
  displayName: string;
  birthYear: number | null;
  createdAt: string;
}

export interface ConsentRecord {
  kind: ConsentKind;
  granted: boolean;
  decidedBy: string;
  recordedAt: string;
}

interface ChildRow {
  id: string;
  display_name: string;
  birth_year: number | null;
  created_at: Date;
}

interface RecordRow {
  kind: ConsentKind;
  granted: boolean;
  decided_by: string;
  recorded_at: Date;
}

const toChild = (r: ChildRow): Child => ({
  id: r.id,
  displayName: r.display_name,
  birthYear: r.birth_year,
  createdAt: r.created_at.toISOString(),
});

const toRecord = (r: RecordRow): ConsentRecord => ({
  kind: r.kind,
  granted: r.granted,
  decidedBy: r.decided_by,
  recordedAt: r.recorded_at.toISOString(),
});

export async function addChild(
  tx: Tx,
  tenantId: string,
  child: { displayName: string; birthYear: number | null },
  now: Date,
): Promise<Child> {
  return toChild(
    await tx.one<ChildRow>(
      `INSERT INTO children (tenant_id, id, display_name, birth_year, created_at) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, display_name, birth_year, created_at`,
      [tenantId, randomUUID(), child.displayName, child.birthYear, now],
    ),
  );
}

export async function listChildren(tx: Tx, tenantId: string): Promise<Child[]> {
  const rows = await tx.rows<ChildRow>(
    'SELECT id, display_name, birth_year, created_at FROM children WHERE tenant_id = $1 ORDER BY created_at, id',
    [tenantId],
  );
  return rows.map(toChild);
}

export async function childExists(tx: Tx, tenantId: string, childId: string): Promise<boolean> {
  return (
    (await tx.maybeOne('SELECT 1 FROM children WHERE tenant_id = $1 AND id = $2', [tenantId, childId])) !==
    undefined
  );
}

/** The latest decision per kind; kinds never decided are absent. */
export async function currentConsents(tx: Tx, tenantId: string, childId: string): Promise<ConsentRecord[]> {
  const rows = await tx.rows<RecordRow>(
    `SELECT DISTINCT ON (kind) kind, granted, decided_by, recorded_at FROM consent_records
     WHERE tenant_id = $1 AND child_id = $2 ORDER BY kind, id DESC`,
    [tenantId, childId],
  );
  const byKind = new Map(rows.map((r) => [r.kind, toRecord(r)]));
  return CONSENT_KINDS.flatMap((k) => {
    const record = byKind.get(k);
    return record ? [record] : [];
  });
}

/** Every decision, oldest first. */
export async function consentHistory(tx: Tx, tenantId: string, childId: string): Promise<ConsentRecord[]> {
  const rows = await tx.rows<RecordRow>(
    `SELECT kind, granted, decided_by, recorded_at FROM consent_records
     WHERE tenant_id = $1 AND child_id = $2 ORDER BY id`,
    [tenantId, childId],
  );
  return rows.map(toRecord);
}

export async function recordConsent(
  tx: Tx,
  decision: { tenantId: string; childId: string; kind: ConsentKind; granted: boolean; decidedBy: string },
  now: Date,
): Promise<ConsentRecord> {
  const row = await tx.one<RecordRow>(
    `INSERT INTO consent_records (tenant_id, child_id, kind, granted, decided_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING kind, granted, decided_by, recorded_at`,
    [decision.tenantId, decision.childId, decision.kind, decision.granted, decision.decidedBy, now],
  );
  await appendAudit(tx, {
    tenantId: decision.tenantId,
    actorId: decision.decidedBy,
    action: decision.granted ? 'consent.granted' : 'consent.revoked',
    subject: decision.childId,
    details: { kind: decision.kind },
    at: now,
  });
  return toRecord(row);
}
