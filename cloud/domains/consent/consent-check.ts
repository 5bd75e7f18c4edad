// The question other domains ask before accepting a child's data: does this child's parent
// currently consent to these kinds? Sync imports it to refuse a child's recordings unless both
// 'recording' and 'cloud_sync' are granted.
import type { Tx } from '../../db/database.js';
import { ForbiddenError } from '../../server/http-errors.js';
import { CONSENT_DESCRIPTIONS, type ConsentKind } from './consent-kinds.js';

export type { ConsentKind } from './consent-kinds.js';

/**
 * The kinds in `kinds` that this child does NOT currently have (the latest record for a kind is a
 * grant). A child that does not exist in the tenant has none, so every kind is missing: the
 * caller cannot tell "no such child" from "no consent", and need not.
 *
 * `tx` is the request's tenant transaction (the `tx` a defineRoute handler receives); RLS limits
 * it to `tenantId` anyway, the explicit filter keeps the plan on the primary key.
 */
export async function missingConsents(
  tx: Tx,
  tenantId: string,
  childId: string,
  kinds: readonly ConsentKind[],
): Promise<ConsentKind[]> {
  if (kinds.length === 0) return [];
  const rows = await tx.rows<{ kind: ConsentKind; granted: boolean }>(
    `SELECT DISTINCT ON (kind) kind, granted FROM consent_records
     WHERE tenant_id = $1 AND child_id = $2 AND kind = ANY($3::text[])
     ORDER BY kind, id DESC`,
    [tenantId, childId, [...kinds]],
  );
  const granted = new Set(rows.filter((r) => r.granted).map((r) => r.kind));
  return kinds.filter((k) => !granted.has(k));
}

/**
 * True when the child currently has every consent in `kinds`. Example (sync, before storing a
 * recording): `if (!(await hasConsents(tx, auth.tenantId, childId, ['recording', 'cloud_sync'])))`.
 */
export async function hasConsents(
  tx: Tx,
  tenantId: string,
  childId: string,
  kinds: readonly ConsentKind[],
): Promise<boolean> {
  return (await missingConsents(tx, tenantId, childId, kinds)).length === 0;
}

/** 403 `consent_required`, naming what is missing in words a parent understands. */
export class ConsentRequiredError extends ForbiddenError {
  constructor(readonly missing: readonly ConsentKind[]) {
    super(
      `A parent has not agreed to this for this child: ${missing.map((k) => CONSENT_DESCRIPTIONS[k]).join('; ')}.`,
      'consent_required',
    );
  }
}

/** Throws ConsentRequiredError (403) unless the child has every consent in `kinds`. */
export async function requireConsents(
  tx: Tx,
  tenantId: string,
  childId: string,
  kinds: readonly ConsentKind[],
): Promise<void> {
  const missing = await missingConsents(tx, tenantId, childId, kinds);
  if (missing.length > 0) throw new ConsentRequiredError(missing);
}
