// Numbered SQL migrations (cloud/migrations/NNNN_name.sql), the same files on PGlite and on a
// PostgreSQL server. All pending ones run in ONE transaction as the owner role, under an
// advisory lock, so two instances starting together apply each migration once and a failure
// leaves nothing half applied. Applied files may not change (checked by SHA-256).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdminTx, CloudDatabase, RoleNames } from './database.js';
import { auditRowLevelSecurity } from './rls-audit.js';
import { ensureRoles, quoteIdent } from './roles.js';

export const DEFAULT_MIGRATIONS_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'migrations',
);

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any fixed number works; it only has to be the same in every instance.
const MIGRATION_LOCK = 7_243_911;

export function loadMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const match = FILE_NAME.exec(file);
    if (!match) throw new MigrationError(`Migration file "${file}" must be named NNNN_lower_case_name.sql.`);
    const sql = readFileSync(path.join(dir, file), 'utf8');
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new MigrationError(`Two migration files have number ${match[1]}; each number is used once.`);
    }
    migrations.push({
      version,
      name: match[2] ?? file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  return migrations;
}

interface AppliedRow {
  version: number;
  checksum: string;
}

async function appliedMigrations(tx: AdminTx): Promise<AppliedRow[]> {
  const { exists } = await tx.one<{ exists: boolean }>(
    `SELECT to_regclass('public.schema_migrations') IS NOT NULL AS exists`,
  );
  if (!exists) return [];
  return tx.rows<AppliedRow>('SELECT version, checksum FROM schema_migrations ORDER BY version');
}

function checkApplied(applied: AppliedRow[], known: Migration[]): void {
  for (const row of applied) {
    const file = known.find((m) => m.version === row.version);
    if (!file) {
      throw new MigrationError(
        `The database has migration ${row.version} which this version of the service does not have; run a newer version.`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${String(row.version).padStart(4, '0')}_${file.name}.sql changed after it was applied; add a new migration instead.`,
      );
    }
  }
}

async function grantAppRole(tx: AdminTx, roles: RoleNames): Promise<void> {
  const app = quoteIdent(roles.app);
  await tx.script(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app};
    REVOKE ALL ON schema_migrations FROM ${app};`);
}

export interface MigrateResult {
  applied: number[];
}

/** Creates the roles, applies pending migrations as the owner, grants the app role, audits RLS. */
export async function migrate(
  db: CloudDatabase,
  migrations: Migration[] = loadMigrations(),
): Promise<MigrateResult> {
  return db.adminTransaction(async (tx) => {
    await tx.rows('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await ensureRoles(tx, db.roles);
    await tx.script(`SET LOCAL ROLE ${quoteIdent(db.roles.owner)}`);
    await tx.script(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );
    COMMENT ON TABLE schema_migrations IS 'rls-exempt: migration bookkeeping; the app role has no grant on it';`);
    const applied = await appliedMigrations(tx);
    checkApplied(applied, migrations);
    const done = new Set(applied.map((row) => row.version));
    const newlyApplied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      try {
        await tx.script(migration.sql);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(`Migration ${migration.version} (${migration.name}) failed: ${reason}`);
      }
      await tx.execute('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      newlyApplied.push(migration.version);
    }
    await grantAppRole(tx, db.roles);
    await auditRowLevelSecurity(tx, db.roles);
    return { applied: newlyApplied };
  });
}

export interface MigrationStatus {
  applied: number[];
  pending: number[];
}

/** For readiness: which known migrations the database has and which it still lacks. */
export async function migrationStatus(db: CloudDatabase, migrations: Migration[]): Promise<MigrationStatus> {
  const applied = await db.adminTransaction((tx) => appliedMigrations(tx));
  const versions = new Set(applied.map((row) => row.version));
  return {
    applied: [...versions],
    pending: migrations.filter((m) => !versions.has(m.version)).map((m) => m.version),
  };
}
