// Reading and writing tenant policies inside a tenant transaction.
import type { Tx } from '../../db/database.js';
import { POLICY_KEYS, type PolicyKey, type PolicyValue } from './policy-keys.js';

/** The tenant's value for `key`, or its default. A stored value that no longer fits the schema
 * (the schema tightened since) falls back to the default rather than failing the request. */
export async function readPolicy<K extends PolicyKey>(
  tx: Tx,
  tenantId: string,
  key: K,
): Promise<PolicyValue<K>> {
  const row = await tx.maybeOne<{ value: unknown }>(
    'SELECT value FROM tenant_policies WHERE tenant_id = $1 AND key = $2',
    [tenantId, key],
  );
  const spec = POLICY_KEYS[key];
  const parsed = spec.schema.safeParse(row?.value);
  return (parsed.success ? parsed.data : spec.default) as PolicyValue<K>;
}

export async function readAllPolicies(tx: Tx, tenantId: string): Promise<Map<string, unknown>> {
  const rows = await tx.rows<{ key: string; value: unknown }>(
    'SELECT key, value FROM tenant_policies WHERE tenant_id = $1',
    [tenantId],
  );
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function writePolicy(
  tx: Tx,
  tenantId: string,
  key: PolicyKey,
  value: unknown,
  now: Date,
): Promise<void> {
  await tx.execute(
    `INSERT INTO tenant_policies (tenant_id, key, value, updated_at) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (tenant_id, key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
    [tenantId, key, JSON.stringify(value), now],
  );
}

export async function deletePolicy(tx: Tx, tenantId: string, key: PolicyKey): Promise<boolean> {
  return (
    (await tx.execute('DELETE FROM tenant_policies WHERE tenant_id = $1 AND key = $2', [tenantId, key])) > 0
  );
}
