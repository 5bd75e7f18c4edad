// The two roles the tenancy model needs. Roles are cluster-wide on a PostgreSQL server while
// tables are per database, so the names carry the database's name: two Talemo databases (or two
// test files) on one server never share, and never fight over, a role.
import type { AdminTx, RoleNames } from './database.js';

export class RoleNameError extends Error {
  constructor(database: string) {
    super(`Cannot derive role names from database name "${database}": use letters, digits and underscores.`);
    this.name = 'RoleNameError';
  }
}

export function roleNamesFor(database: string): RoleNames {
  const base = database.toLowerCase();
  // 63 bytes is PostgreSQL's identifier limit; "_owner" is the longest suffix.
  if (!/^[a-z_][a-z0-9_]*$/.test(base) || base.length > 57) throw new RoleNameError(database);
  const prefix = base === 'talemo' || base.startsWith('talemo_') ? base : `talemo_${base}`;
  if (prefix.length > 57) throw new RoleNameError(database);
  return { owner: `${prefix}_owner`, app: `${prefix}_app` };
}

/** Double-quotes an identifier we built ourselves (names are checked above, quoting is belt and braces). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Creates both roles if missing (tolerating a concurrent creator) and lets the connecting user
 * act as them. The owner may create objects in the public schema; the app role may only use it.
 */
export async function ensureRoles(tx: AdminTx, roles: RoleNames): Promise<void> {
  for (const role of [roles.owner, roles.app]) {
    await tx.script(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
        CREATE ROLE ${quoteIdent(role)} NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$;`);
    // A superuser is a member of everything; anyone else must be granted the role to SET ROLE.
    const { member } = await tx.one<{ member: boolean }>(
      `SELECT pg_has_role(current_user, $1, 'MEMBER') AS member`,
      [role],
    );
    if (!member) await tx.script(`GRANT ${quoteIdent(role)} TO CURRENT_USER`);
  }
  await tx.script(`GRANT USAGE, CREATE ON SCHEMA public TO ${quoteIdent(roles.owner)};
    GRANT USAGE ON SCHEMA public TO ${quoteIdent(roles.app)};`);
}
