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

interface PreparedStatement {
  text: string;
  values: Array<string | Buffer | null>;
}

class StatementBatch implements pg.Submittable {
  readonly #statements: PreparedStatement[];
  readonly #results: StatementResult[] = [];
  #current: Result | undefined;
  #failed = false;
  #rowError: unknown;

  constructor(
    statements: readonly Statement[],
    private readonly done: (error: unknown, results?: StatementResult[]) => void,
  ) {
    // Encoded before anything is written, so a value pg cannot encode fails the call, not the wire.
    this.#statements = statements.map((s) => ({
      text: s.sql,
      values: (s.params ?? []).map(encodeParameter),
    }));
  }

  submit(connection: pg.Connection): void {
    const stream = connection.stream as pg.Connection['stream'] & { cork(): void; uncork(): void };
    stream.cork();
    try {
      for (const s of this.#statements) {
        connection.parse({ name: '', text: s.text, types: [] }, true);
        connection.bind({ values: s.values }, true);
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
  return new Promise((resolve, reject) => {
    client.query(
      new StatementBatch(statements, (error, results) => (error ? reject(error) : resolve(results ?? []))),
    );
  });
}
