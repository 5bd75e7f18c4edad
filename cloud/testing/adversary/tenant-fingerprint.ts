// Every row that belongs to a tenant, read past row-level security (as the administrative
// connection), so a run can prove it changed nothing in the tenants that never attacked.
import type { CloudDatabase } from '../../db/database.js';

export async function tenantFingerprint(db: CloudDatabase, tenantId: string): Promise<string[]> {
  return db.adminTransaction(async (tx) => {
    const tables = await tx.rows<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
    );
    const lines: string[] = [];
    const dump = async (label: string, sql: string) => {
      for (const row of await tx.rows<{ r: string }>(sql, [tenantId])) lines.push(`${label} ${row.r}`);
    };
    for (const { table_name } of tables) {
      await dump(
        table_name,
        `SELECT row_to_json(x)::text AS r FROM "${table_name}" x WHERE tenant_id = $1 ORDER BY 1`,
      );
    }
    await dump('tenants', 'SELECT row_to_json(x)::text AS r FROM tenants x WHERE id = $1');
    const members = 'SELECT account_id FROM memberships WHERE tenant_id = $1';
    await dump(
      'accounts',
      `SELECT row_to_json(x)::text AS r FROM accounts x WHERE id IN (${members}) ORDER BY 1`,
    );
    await dump(
      'identities',
      `SELECT row_to_json(x)::text AS r FROM identities x WHERE account_id IN (${members}) ORDER BY 1`,
    );
    return lines;
  });
}
