// Several statements in one call into PGlite: Parse/Bind/Describe/Execute for each, then one
// Sync, as a single protocol message. PGlite's own query() makes six calls into the wasm
// Postgres per statement (parse, describe, bind, describe, execute, sync); this makes one per
// batch. The server runs the statements in order and skips everything after the first error up
// to the Sync, so nothing runs after a failed statement. Rows are parsed by PGlite's own parsers,
// so results look exactly as PGlite's query() returns them.
import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import type { Statement } from './database.js';
import { encodeParameter } from './encode-parameter.js';
import type { StatementResult } from './pipelined-transaction.js';
import type { SessionStatements, StatementPlan } from './session-statements.js';

function encodeBatch(
  statements: readonly Statement[],
  values: ReadonlyArray<ReturnType<typeof encodeParameter>[]>,
  plans: readonly StatementPlan[],
): Uint8Array {
  const parts: Uint8Array[] = [];
  statements.forEach((s, i) => {
    const plan = plans[i] ?? { name: '', parse: true, closeFirst: false };
    if (plan.closeFirst) parts.push(protocol.serialize.close({ type: 'S', name: plan.name }));
    if (plan.parse) parts.push(protocol.serialize.parse({ name: plan.name, text: s.sql }));
    parts.push(
      protocol.serialize.bind({ statement: plan.name, values: values[i] ?? [] }),
      protocol.serialize.describe({ type: 'P' }),
      protocol.serialize.execute({}),
    );
  });
  parts.push(protocol.serialize.sync());
  return Buffer.concat(parts);
}

/**
 * Runs `statements` in one call; the caller holds the database exclusively and passes the one
 * session's prepared statements. Rejects with the first error.
 */
export async function runPgliteBatch(
  pg: PGlite,
  session: SessionStatements,
  statements: readonly Statement[],
): Promise<StatementResult[]> {
  const sqls = statements.map((s) => s.sql);
  // Encoded before anything is planned: a value that cannot be encoded fails the call.
  const values = statements.map((s) => (s.params ?? []).map(encodeParameter));
  const plans = statements.map((s) => session.plan(s.sql));
  let messages;
  try {
    // Throws the first error once the whole message (up to Sync) has been processed.
    ({ messages } = await pg.execProtocol(encodeBatch(statements, values, plans)));
  } catch (error) {
    session.distrust(sqls);
    throw error;
  }
  session.confirm(sqls, plans);
  return parse.parseResults(messages, pg.parsers).map((r) => ({
    rows: r.rows,
    rowCount: r.rowCount ?? r.rows.length,
    command: r.command ?? '',
  }));
}
