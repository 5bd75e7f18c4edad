// Run after every migration: the database itself is checked for the tenancy rules, so a new
// table that forgot row-level security stops the service at start-up instead of leaking.
import type { AdminTx, RoleNames } from './database.js';

export class RowLevelSecurityError extends Error {
  constructor(problems: string[]) {
    super(`Row-level security rules broken:\n- ${problems.join('\n- ')}`);
    this.name = 'RowLevelSecurityError';
  }
}

interface TableRow {
  table: string;
  owner: string;
  enabled: boolean;
  forced: boolean;
  comment: string | null;
  has_tenant_id: boolean;
  policies: string[];
}

const EXEMPT = 'rls-exempt:';

/**
 * Every table in the public schema must: be owned by the owner role; have RLS enabled AND forced
 * with at least one policy, unless its comment starts with "rls-exempt: <why>"; and if it has a
 * tenant_id column, never be exempt and mention app_tenant() in every policy.
 */
export async function auditRowLevelSecurity(tx: AdminTx, roles: RoleNames): Promise<void> {
  const tables = await tx.rows<TableRow>(`
    SELECT c.relname AS table,
           pg_get_userbyid(c.relowner) AS owner,
           c.relrowsecurity AS enabled,
           c.relforcerowsecurity AS forced,
           obj_description(c.oid, 'pg_class') AS comment,
           EXISTS (SELECT 1 FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS has_tenant_id,
           ARRAY(SELECT coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' ' ||
                        coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
                 FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`);
  const problems: string[] = [];
  for (const t of tables) {
    if (t.owner !== roles.owner) problems.push(`${t.table} is owned by ${t.owner}, not ${roles.owner}`);
    const exempt = t.comment?.startsWith(EXEMPT) ?? false;
    if (exempt && t.has_tenant_id) problems.push(`${t.table} has tenant_id, so it cannot be rls-exempt`);
    if (exempt) continue;
    if (!t.enabled || !t.forced) problems.push(`${t.table} needs ENABLE and FORCE ROW LEVEL SECURITY`);
    if (t.policies.length === 0) problems.push(`${t.table} has no policy`);
    if (t.has_tenant_id) {
      for (const policy of t.policies) {
        if (!policy.includes('app_tenant()'))
          problems.push(`${t.table} has a policy that ignores app_tenant(): ${policy.trim()}`);
      }
    }
  }
  if (problems.length > 0) throw new RowLevelSecurityError(problems);
}
