// Several statements in one round trip on a pg connection: Parse (unless already prepared on this
// session), Bind, Describe, Execute for each, then a single Sync, written in one go. The server
// runs them in order and, at the first error, skips everything up to the Sync: nothing after a
// failed statement runs. pg's own queries end each statement with its own Sync, which would let
// later statements run after a failure, so this is a pg Query whose submit() writes the batch;
// pg's Query still collects the results (one per statement) and reports the first error.
import pg from 'pg';
import type { Statement } from './database.js';
import { encodeParameter } from './encode-parameter.js';
import type { StatementResult } from './pipelined-transaction.js';
import type { SessionStatements, StatementPlan } from './session-statements.js';

interface PlannedStatement extends StatementPlan {
  text: string;
  values: Array<string | Buffer | null>;
}

interface PgResult {
  rows: unknown[];
  rowCount: number | null;
  command: string | null;
}

type Corkable = pg.Connection['stream'] & { cork(): void; uncork(): void };

function writeBatch(connection: pg.Connection, statements: readonly PlannedStatement[]): void {
  const stream = connection.stream as Corkable;
  stream.cork(); // one write for the whole batch
  try {
    for (const s of statements) {
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

/**
 * A batch as one pg Query. Plain pg connections run it after the previous query; a connection in
 * pipeline mode sends it at once, behind batches still in flight.
 */
export class PgStatementBatch extends pg.Query {
  constructor(
    statements: readonly Statement[],
    session: SessionStatements,
    done: (error: Error | undefined, results: StatementResult[]) => void,
  ) {
    // Encoded before anything is planned or written: a value pg cannot encode fails the call.
    const values = statements.map((s) => (s.params ?? []).map(encodeParameter));
    const sqls = statements.map((s) => s.sql);
    const planned = statements.map((s, i) => ({
      ...session.plan(s.sql),
      text: s.sql,
      values: values[i] ?? [],
    }));
    super({ text: 'statement batch' }, (error: Error | undefined, result: unknown) => {
      if (error) {
        session.distrust(sqls);
        done(error, []);
        return;
      }
      session.confirm(sqls, planned);
      // pg's Query gives one Result for one statement and an array for several.
      const results = (Array.isArray(result) ? result : [result]) as PgResult[];
      done(
        undefined,
        results.map((r) => ({ rows: r.rows, rowCount: r.rowCount ?? 0, command: r.command ?? '' })),
      );
    });
    this.submit = (connection) => writeBatch(connection, planned);
  }
}

/** Runs `statements` on `client` in one round trip; rejects with the first statement's error. */
export function runStatementBatch(
  client: pg.ClientBase,
  session: SessionStatements,
  statements: readonly Statement[],
): Promise<StatementResult[]> {
  return new Promise((resolve, reject) => {
    client.query(
      new PgStatementBatch(statements, session, (error, results) =>
        error ? reject(error) : resolve(results),
      ),
    );
  });
}
