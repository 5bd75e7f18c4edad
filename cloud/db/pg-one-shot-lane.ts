// Where whole one-batch transactions go on PostgreSQL (a pull: settings, membership check and
// the query, as one implicit transaction ending at its Sync). They need no connection of their
// own, so they share a few long-lived connections in pg's pipeline mode, and the batches of all
// requests that arrive in the same turn of the event loop leave in ONE socket write. Profiling
// showed that write, which wakes the server process, cost more of the service's CPU than all the
// request's JavaScript; one wake-up now serves several requests.
//
// Sharing is safe because each batch is a transaction of its own: it ends at its Sync (committed,
// or rolled back at its first error, which skips the rest of that batch only), and its settings
// are transaction-local (set_config(…, true)), so nothing of one batch survives into the next.
import pg from 'pg';
import type { Statement } from './database.js';
import { PgStatementBatch } from './pg-statement-batch.js';
import type { StatementResult } from './pipelined-transaction.js';
import { SessionStatements } from './session-statements.js';

interface Waiting {
  statements: readonly Statement[];
  resolve(results: StatementResult[]): void;
  reject(error: unknown): void;
}

type Corkable = pg.Connection['stream'] & { cork(): void; uncork(): void };

/** One pipelined connection: batches queued in a turn are written together at its end. */
class LaneConnection {
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #session = new SessionStatements();
  #waiting: Waiting[] = [];
  #flushScheduled = false;
  inFlight = 0;

  constructor(private readonly config: pg.ClientConfig) {}

  run(statements: readonly Statement[]): Promise<StatementResult[]> {
    this.inFlight += 1;
    return new Promise<StatementResult[]>((resolve, reject) => {
      this.#waiting.push({ statements, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        // After the poll phase: every request read from the network in this turn has queued by then.
        setImmediate(() => void this.#flush());
      }
    }).finally(() => {
      this.inFlight -= 1;
    });
  }

  async #flush(): Promise<void> {
    this.#flushScheduled = false;
    const batch = this.#waiting;
    this.#waiting = [];
    let client: pg.Client;
    try {
      client = await this.#connected();
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    const stream = (client as pg.Client & { connection: pg.Connection }).connection.stream as Corkable;
    stream.cork();
    try {
      for (const w of batch) {
        try {
          client.query(
            new PgStatementBatch(w.statements, this.#session, (error, results) =>
              error ? w.reject(error) : w.resolve(results),
            ),
          );
        } catch (error) {
          w.reject(error); // a value pg could not encode: nothing of this batch was written
        }
      }
    } finally {
      stream.uncork();
    }
  }

  #connected(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const client = new pg.Client({ ...this.config, pipeline: true } as pg.ClientConfig);
      // A dead connection (server restart) fails its batches; the next batch opens a new one.
      client.on('error', () => this.#drop(client));
      client.on('end', () => this.#drop(client));
      try {
        await client.connect();
      } catch (error) {
        this.#connecting = undefined;
        throw error;
      }
      this.#client = client;
      this.#connecting = undefined;
      return client;
    })();
    return this.#connecting;
  }

  #drop(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    this.#session = new SessionStatements();
  }

  async close(): Promise<void> {
    const client = this.#client ?? (await this.#connecting?.catch(() => undefined));
    this.#client = undefined;
    await client?.end();
  }
}

export class OneShotLane {
  readonly #connections: LaneConnection[];

  /** `size` connections; a batch goes to the one with the fewest batches in flight. */
  constructor(config: pg.ClientConfig, size: number) {
    this.#connections = Array.from({ length: Math.max(1, size) }, () => new LaneConnection(config));
  }

  run(statements: readonly Statement[]): Promise<StatementResult[]> {
    let best = this.#connections[0];
    for (const c of this.#connections) if (best && c.inFlight < best.inFlight) best = c;
    if (!best) throw new Error('The one-shot lane has no connection.');
    return best.run(statements);
  }

  async close(): Promise<void> {
    await Promise.all(this.#connections.map((c) => c.close()));
  }
}
