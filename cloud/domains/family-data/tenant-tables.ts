// Which tables hold a tenant's rows, found in the catalogue rather than listed by hand, so a
// table a later domain adds (sync, …) is exported and counted without touching this code.
import type { Tx } from '../../db/database.js';
import { quoteIdent } from '../../db/roles.js';

// Secrets at rest never leave in an export: hashes of tokens and passwords.
const SECRET_COLUMNS = new Set(['token_hash', 'secret_hash', 'password_hash']);
// Bookkeeping that is not the family's data (a pending erasure confirmation).
const SKIPPED_TABLES = new Set(['erasure_requests', 'erasure_tombstones']);

export interface TenantTable {
  name: string;
  columns: string[];
}

export async function tenantTables(tx: Tx): Promise<TenantTable[]> {
  const rows = await tx.rows<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     WHERE c.table_schema = 'public'
       AND c.table_name IN (SELECT table_name FROM information_schema.columns
                            WHERE table_schema = 'public' AND column_name = 'tenant_id')
     ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const row of rows) {
    if (SKIPPED_TABLES.has(row.table_name) || SECRET_COLUMNS.has(row.column_name)) continue;
    const columns = tables.get(row.table_name) ?? [];
    columns.push(row.column_name);
    tables.set(row.table_name, columns);
  }
  return [...tables].map(([name, columns]) => ({ name, columns }));
}

/** The tenant's rows of one table (RLS limits them to the tenant anyway). */
export async function tenantRows(tx: Tx, table: TenantTable, tenantId: string): Promise<unknown[]> {
  const columns = table.columns.map(quoteIdent).join(', ');
  return tx.rows(`SELECT ${columns} FROM ${quoteIdent(table.name)} WHERE tenant_id = $1`, [tenantId]);
}

export async function tenantRowCounts(tx: Tx, tenantId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tenantTables(tx)) {
    const { n } = await tx.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${quoteIdent(table.name)} WHERE tenant_id = $1`,
      [tenantId],
    );
    counts[table.name] = n;
  }
  return counts;
}
