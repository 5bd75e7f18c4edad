// Several statements in one round trip on a pg connection: Parse/Bind/Describe/Execute for each,
// then a single Sync, written in one go. The server runs them in order and, at the first error,
// skips everything up to the Sync: nothing after a failed statement runs. pg has no such call
// (its pipeline mode ends every query with its own Sync, which would let later statements run
// after a failure), so this is a Submittable, the extension point pg-cursor uses.
import type pg from 'pg';
import Result from 'pg/lib/result.js';
import { encodeParameter } from './encode-parameter.js';
import type { Statement } from './database.js';
import type { StatementResult } from './pipelined-transaction.js';
import { SessionStatements, type StatementPlan } from './session-statements.js';

interface PreparedStatement extends StatementPlan {
  text: string;
  values: Array<string | Buffer | null>;
}

// Each pooled connection is one server session with its own prepared statements.
const sessions = new WeakMap<pg.PoolClient, SessionStatements>();

class StatementBatch implements pg.Submittable {
  readonly #statements: PreparedStatement[];
  readonly #results: StatementResult[] = [];
  #current: Result | undefined;
  #failed = false;
  #rowError: unknown;

  constructor(
    statements: readonly Statement[],
    session: SessionStatements,
    private readonly done: (error: unknown, results?: StatementResult[]) => void,
  ) {
    // Encoded before anything is written, so a value pg cannot encode fails the call, not the wire.
    const values = statements.map((s) => (s.params ?? []).map(encodeParameter));
    this.#statements = statements.map((s, i) => ({ ...session.plan(s.sql), text: s.sql, values: values[i] ?? [] }));
  }

  submit(connection: pg.Connection): void {
    const stream = connection.stream as pg.Connection['stream'] & { cork(): void; uncork(): void };
    stream.cork();
    try {
      for (const s of this.#statements) {
        if (s.closeFirst) connection.close({ type: 'S', name: s.name }, true);
        if (s.parse) connection.parse({ name: s.name, text: s.text, types: [] }, true);
        connection.bind({ statement: s.name, values: s.values }, true);
        connection.describe({ type: 'P' }, true);
        connection.execute({}, true);
      }
      connection.sync();
    } finally {
      stream.uncork();
    }
  }

  handleRowDescription(message: { fields: pg.FieldDef[] }): void {
    this.#current = new Result();
    this.#current.addFields(message.fields);
  }

  handleDataRow(message: { fields: unknown[] }): void {
    if (!this.#current || this.#rowError) return;
    try {
      this.#current.addRow(this.#current.parseRow(message.fields));
    } catch (error) {
      this.#rowError = error; // reported once the server is ready again
    }
  }

  handleCommandComplete(message: unknown): void {
    const result = this.#current ?? new Result();
    result.addCommandComplete(message);
    this.#results.push({ rows: result.rows, rowCount: result.rowCount ?? 0, command: result.command ?? '' });
    this.#current = undefined;
  }

  handleEmptyQuery(): void {
    this.#results.push({ rows: [], rowCount: 0, command: '' });
  }

  handleError(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.done(error);
  }

  handleReadyForQuery(): void {
    if (this.#failed) return;
    if (this.#rowError) this.handleError(this.#rowError);
    else this.done(null, this.#results);
  }

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: pg.Connection & { sendCopyFail(message: string): void }): void {
    connection.sendCopyFail('COPY is not supported in a statement batch');
  }

  handleCopyData(): void {}
}

/** Runs `statements` on `client` in one round trip; rejects with the first statement's error. */
export function runStatementBatch(
  client: pg.PoolClient,
  statements: readonly Statement[],
): Promise<StatementResult[]> {
  let session = sessions.get(client);
  if (!session) {
    session = new SessionStatements();
    sessions.set(client, session);
  }
  const known = session;
  const sqls = statements.map((s) => s.sql);
  return new Promise((resolve, reject) => {
    client.query(
      new StatementBatch(statements, known, (error, results) => {
        if (error) {
          known.distrust(sqls);
          reject(error);
        } else {
          known.confirm(sqls);
          resolve(results ?? []);
        }
      }),
    );
  });
}
