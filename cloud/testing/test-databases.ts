// Databases for tests: one in-memory PGlite per test file (PGlite.create() costs seconds), and
// one fresh database per test file on the PostgreSQL server named by PGPORT, dropped (with its
// two roles) afterwards. Tests that need the server run only when PGPORT is set; their title
// says so when it is not.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { CloudDatabase } from '../db/database.js';
import { PgliteDatabase } from '../db/pglite-database.js';
import { PostgresDatabase } from '../db/postgres-database.js';
import { quoteIdent, roleNamesFor } from '../db/roles.js';

export const PG_AVAILABLE = Boolean(process.env.PGPORT);
export const PG_SKIP_REASON = 'skipped: PGPORT is not set, so no PostgreSQL server to test against';

/** A describe title that carries the reason when the PostgreSQL suite will be skipped. */
export function engineTitle(engine: 'pglite' | 'postgres'): string {
  if (engine === 'pglite') return 'on PGlite';
  return PG_AVAILABLE ? `on PostgreSQL (PGPORT=${process.env.PGPORT})` : `on PostgreSQL (${PG_SKIP_REASON})`;
}

function serverUrl(database: string): string {
  const host = process.env.PGHOST ?? '127.0.0.1';
  const user = process.env.PGUSER ?? 'postgres';
  const password = process.env.PGPASSWORD ? `:${encodeURIComponent(process.env.PGPASSWORD)}` : '';
  return `postgres://${encodeURIComponent(user)}${password}@${host}:${process.env.PGPORT}/${database}`;
}

export interface TestDatabase {
  db: CloudDatabase;
  /** Connection string of the admin connection (PostgreSQL only). */
  url?: string;
  name?: string;
  /** Closes the database and, on PostgreSQL, drops the database and its roles. */
  dispose(): Promise<void>;
}

export async function openPgliteTestDatabase(): Promise<TestDatabase> {
  const db = await PgliteDatabase.open(undefined);
  return { db, dispose: () => db.close() };
}

async function withMaintenanceClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database named talemo_t_<random> on the PGPORT server. */
export async function createPostgresTestDatabase(): Promise<{
  name: string;
  url: string;
  drop(): Promise<void>;
}> {
  const name = `talemo_t_${randomBytes(6).toString('hex')}`;
  await withMaintenanceClient((c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const roles = roleNamesFor(name);
  return {
    name,
    url: serverUrl(name),
    drop: () =>
      withMaintenanceClient(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
        for (const role of [roles.app, roles.owner]) await c.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
      }),
  };
}

export async function openPostgresTestDatabase(): Promise<TestDatabase> {
  const created = await createPostgresTestDatabase();
  const db = await PostgresDatabase.open({ adminUrl: created.url, maxConnections: 6 });
  return {
    db,
    url: created.url,
    name: created.name,
    dispose: async () => {
      await db.close();
      await created.drop();
    },
  };
}

export function openTestDatabase(engine: 'pglite' | 'postgres'): Promise<TestDatabase> {
  return engine === 'pglite' ? openPgliteTestDatabase() : openPostgresTestDatabase();
}
