// PGlite (PostgreSQL 18 in wasm, in-process): the no-set-up engine. It is one connection, so
// requests are serialised here (one lock for every use of it); that is fine for a family's or a
// small school's own server and for tests.
import { Mutex, PGlite, type Transaction } from '@electric-sql/pglite';
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
import { runPgliteBatch } from './pglite-statement-batch.js';
import { runPipelined, type BatchEngine } from './pipelined-transaction.js';
import { SessionStatements } from './session-statements.js';

function wrap(tx: Transaction): AdminTx {
  const rows = async <T>(sql: string, params: readonly unknown[] = []): Promise<T[]> =>
    (await tx.query<T>(sql, [...params])).rows;
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
      return (await tx.query(sql, [...params])).affectedRows ?? 0;
    },
    async script(sql: string) {
      await tx.exec(sql);
    },
    async finalRows<T>(sql: string, params: readonly unknown[] = []) {
      // Administrative transactions are rare: the last statement is simply the last one.
      return rows<T>(sql, params);
    },
  };
}

export class PgliteDatabase implements CloudDatabase {
  readonly engine = 'pglite' as const;
  #closed = false;
  // Request transactions talk to PGlite's protocol directly, past PGlite's own transaction lock,
  // so every use of the instance (those, admin transactions, ping) takes this one instead.
  readonly #lock = new Mutex();
  readonly #statements = new SessionStatements();
  // One in-process session: a transaction of several batches simply runs them on it, under the lock.
  readonly #engine: BatchEngine = {
    runAlone: (statements) => runPgliteBatch(this.pg, this.#statements, statements),
    openSession: async () => ({
      run: (statements) => runPgliteBatch(this.pg, this.#statements, statements),
      release: () => undefined,
    }),
  };

  private constructor(
    private readonly pg: PGlite,
    readonly roles: RoleNames,
  ) {}

  /**
   * Opens (or creates) a database in `dataDir`; in memory when `dataDir` is undefined (tests).
   * Roles are named "talemo_owner"/"talemo_app": a PGlite folder holds one database only.
   */
  static async open(dataDir: string | undefined): Promise<PgliteDatabase> {
    const pg = await PGlite.create(dataDir === undefined ? {} : { dataDir });
    return new PgliteDatabase(pg, { owner: 'talemo_owner', app: 'talemo_app' });
  }

  get closed(): boolean {
    return this.#closed;
  }

  async transaction<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.#closed) throw new DatabaseClosedError();
    const opening = [scopeStatement(this.roles.app, scope), ...(scope.check ? [scope.check] : [])];
    return this.#lock.runExclusive(() => runPipelined(this.#engine, opening, fn));
  }

  async adminTransaction<T>(fn: (tx: AdminTx) => Promise<T>): Promise<T> {
    if (this.#closed) throw new DatabaseClosedError();
    return this.#lock.runExclusive(() => this.pg.transaction((raw) => fn(wrap(raw))));
  }

  async ping(): Promise<void> {
    if (this.#closed) throw new DatabaseClosedError();
    await this.#lock.runExclusive(() => this.pg.query('SELECT 1'));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#lock.runExclusive(() => this.pg.close());
  }
}
