// A PostgreSQL server through pg's pool. The admin pool (DATABASE_URL) creates roles and runs
// migrations; requests use the app pool, which is DATABASE_APP_URL when given (a LOGIN role that
// is the app role) and otherwise the admin pool. Either way each request transaction starts by
// becoming the app role, so it is always subject to row-level security.
import pg from 'pg';
import {
  DatabaseClosedError,
  NoRowError,
  scopeStatement,
  type AdminTx,
  type CloudDatabase,
  type RoleNames,
  type Scope,
  type Tx,
} from './database.js';
import { OneShotLane } from './pg-one-shot-lane.js';
import { runStatementBatch } from './pg-statement-batch.js';
import { runPipelined, type BatchEngine } from './pipelined-transaction.js';
import { roleNamesFor } from './roles.js';
import { SessionStatements } from './session-statements.js';

// Each pooled connection is one server session with its own prepared statements.
const sessions = new WeakMap<pg.PoolClient, SessionStatements>();

function sessionOf(client: pg.PoolClient): SessionStatements {
  let session = sessions.get(client);
  if (!session) {
    session = new SessionStatements();
    sessions.set(client, session);
  }
  return session;
}

function wrap(client: pg.PoolClient): AdminTx {
  const rows = async <T>(sql: string, params: readonly unknown[] = []): Promise<T[]> =>
    (await client.query(sql, [...params])).rows as T[];
  return {
    rows,
    async maybeOne<T>(sql: string, params: readonly unknown[] = []) {
      return (await rows<T>(sql, params))[0];
    },
    async one<T>(sql: string, params: readonly unknown[] = []) {
      const row = (await rows<T>(sql, params))[0];
      if (row === undefined) throw new NoRowError(sql);
      return row;
    },
    async execute(sql: string, params: readonly unknown[] = []) {
      return (await client.query(sql, [...params])).rowCount ?? 0;
    },
    async script(sql: string) {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await client.query(sql);
    },
    async finalRows<T>(sql: string, params: readonly unknown[] = []) {
      // Administrative transactions are rare: the last statement is simply the last one.
      return rows<T>(sql, params);
    },
  };
}

async function inTransaction<T>(
  pool: pg.Pool,
  begin: (tx: AdminTx) => Promise<void>,
  fn: (tx: AdminTx) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const tx = wrap(client);
    await begin(tx);
    const result = await fn(tx);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = true; // the connection is unusable; let the pool drop it
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

export interface PostgresOptions {
  /** Administrative connection: may create roles, owns the schema (or is a superuser). */
  adminUrl: string;
  /** Optional connection that logs in as the app role itself. */
  appUrl?: string;
  /** Pool size per pool. */
  maxConnections?: number;
  /** Shared pipelined connections for one-batch transactions (pg-one-shot-lane.ts); default 1. */
  oneShotConnections?: number;
}

export class PostgresDatabase implements CloudDatabase {
  readonly engine = 'postgres' as const;
  #closed = false;

  readonly #engine: BatchEngine;

  private constructor(
    private readonly admin: pg.Pool,
    private readonly app: pg.Pool,
    private readonly lane: OneShotLane,
    readonly roles: RoleNames,
  ) {
    this.#engine = {
      runAlone: (statements) => lane.run(statements),
      openSession: async () => {
        const client = await app.connect();
        return {
          run: (statements) => runStatementBatch(client, sessionOf(client), statements),
          release: (broken) => client.release(broken),
        };
      },
    };
  }

  static async open(options: PostgresOptions): Promise<PostgresDatabase> {
    const max = options.maxConnections ?? 10;
    const admin = new pg.Pool({ connectionString: options.adminUrl, max });
    // An idle client's error (server restart) must not crash the process; the pool replaces it.
    admin.on('error', () => undefined);
    try {
      const { rows } = await admin.query<{ db: string }>('SELECT current_database() AS db');
      const roles = roleNamesFor(rows[0]?.db ?? 'talemo');
      const app = options.appUrl ? new pg.Pool({ connectionString: options.appUrl, max }) : admin;
      if (app !== admin) app.on('error', () => undefined);
      const lane = new OneShotLane(
        { connectionString: options.appUrl ?? options.adminUrl },
        options.oneShotConnections ?? 1,
      );
      return new PostgresDatabase(admin, app, lane, roles);
    } catch (error) {
      await admin.end();
      throw error;
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  async transaction<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.#closed) throw new DatabaseClosedError();
    const opening = [scopeStatement(this.roles.app, scope), ...(scope.check ? [scope.check] : [])];
    return runPipelined(this.#engine, opening, fn);
  }

  adminTransaction<T>(fn: (tx: AdminTx) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new DatabaseClosedError());
    return inTransaction(this.admin, async () => undefined, fn);
  }

  async ping(): Promise<void> {
    if (this.#closed) throw new DatabaseClosedError();
    await this.admin.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.lane.close();
    if (this.app !== this.admin) await this.app.end();
    await this.admin.end();
  }
}
