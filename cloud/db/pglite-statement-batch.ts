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

function encodeBatch(statements: readonly Statement[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const s of statements) {
    parts.push(
      protocol.serialize.parse({ text: s.sql }),
      protocol.serialize.bind({ values: (s.params ?? []).map(encodeParameter) }),
      protocol.serialize.describe({ type: 'P' }),
      protocol.serialize.execute({}),
    );
  }
  parts.push(protocol.serialize.sync());
  return Buffer.concat(parts);
}

/** Runs `statements` in one call; the caller holds the database exclusively. Rejects with the first error. */
export async function runPgliteBatch(pg: PGlite, statements: readonly Statement[]): Promise<StatementResult[]> {
  // Throws the first error once the whole message (up to Sync) has been processed.
  const { messages } = await pg.execProtocol(encodeBatch(statements));
  return parse.parseResults(messages, pg.parsers).map((r) => ({
    rows: r.rows,
    rowCount: r.rowCount ?? r.rows.length,
    command: r.command ?? '',
  }));
}
