// A request transaction that costs as few round trips as its statements allow. Opening it sends
// nothing: the scope's settings and check wait, and travel with the first query in one batch.
// - A transaction whose first query is also its last (finalRows) is one batch in all, with no
//   BEGIN or COMMIT: the extended protocol runs every statement up to a Sync as one implicit
//   transaction, committed at the Sync if all succeeded and rolled back otherwise. That batch
//   needs no connection of its own (the engine may pipeline it with other requests' batches).
// - Any other transaction gets a session: BEGIN, settings and check go with its first query, and
//   COMMIT with its last (finalRows) or on its own once the caller's function returns.
// Each round trip costs far more than the statements themselves (a loopback write wakes the
// server process, on 2 shared cores), so a pull that used to take five round trips takes one.
//
// Why this is as safe as sending statements one by one: an engine runs a batch in order and stops
// at its first error (the protocol skips every message up to Sync), so a query in a batch never
// runs after a failed BEGIN, settings statement or check: never outside its scope, never outside
// the transaction.
import {
  NoRowError,
  SCOPE_CHECK_REFUSED,
  ScopeCheckRefusedError,
  TransactionEndedError,
  type Statement,
  type Tx,
} from './database.js';
import { pgErrorCode } from './pg-errors.js';

export interface StatementResult {
  rows: unknown[];
  /** Rows returned or touched; 0 for statements without a count. */
  rowCount: number;
  /** The command tag's first word: SELECT, INSERT, COMMIT, ROLLBACK… */
  command: string;
}

/**
 * Runs the statements in order in one round trip, stopping at the first error (which it rejects
 * with), followed by a Sync.
 */
export type RunBatch = (statements: readonly Statement[]) => Promise<StatementResult[]>;

/** A connection held for one transaction of several batches. */
export interface TransactionSession {
  run: RunBatch;
  /** `broken`: a ROLLBACK failed, the connection is in an unknown state and must not be reused. */
  release(broken: boolean): void;
}

/** What an engine provides. */
export interface BatchEngine {
  /** Runs a whole transaction as one batch (the protocol's implicit transaction). */
  runAlone: RunBatch;
  openSession(): Promise<TransactionSession>;
}

/** COMMIT answered ROLLBACK: a statement failed earlier and the caller carried on regardless. */
export class CommitRolledBackError extends Error {
  constructor() {
    super('The transaction was rolled back at COMMIT because one of its statements had failed.');
    this.name = 'CommitRolledBackError';
  }
}

const BEGIN: Statement = { sql: 'BEGIN' };
const COMMIT: Statement = { sql: 'COMMIT' };
const ROLLBACK: Statement = { sql: 'ROLLBACK' };

type State = 'unopened' | 'open' | 'ended';

export class PipelinedTransaction implements Tx {
  #state: State = 'unopened';
  #session: TransactionSession | undefined;
  #broken = false;
  /** A batch failed: the transaction cannot commit, whatever the caller made of the error. */
  #failed = false;
  /** Set when the scope's check refused: whatever the caller did next, the transaction failed. */
  refusal: ScopeCheckRefusedError | undefined;

  /** `opening`: the statements that set the scope (and check it), sent with the first query. */
  constructor(
    private readonly engine: BatchEngine,
    private readonly opening: readonly Statement[],
  ) {}

  async #send(statement: Statement, last: boolean): Promise<StatementResult> {
    if (this.#state === 'ended') throw new TransactionEndedError(statement.sql);
    if (this.#state === 'unopened' && last) {
      this.#state = 'ended';
      const batch = [...this.opening, statement];
      return this.#pick(await this.#guard(() => this.engine.runAlone(batch), true), batch.length - 1, batch);
    }
    const opening = this.#state === 'unopened';
    if (opening) {
      this.#state = 'open'; // from now on a failure leaves a transaction that end() rolls back
      this.#session = await this.engine.openSession();
    }
    const batch = opening ? [BEGIN, ...this.opening, statement] : [statement];
    const index = batch.length - 1;
    if (last) batch.push(COMMIT);
    const session = this.#session;
    if (!session) throw new Error('A pipelined transaction lost its session.');
    const results = await this.#guard(() => session.run(batch), opening);
    if (last) {
      if (results.at(-1)?.command === 'ROLLBACK') throw new CommitRolledBackError();
      this.#state = 'ended';
    }
    return this.#pick(results, index, batch);
  }

  /** Turns a refusal of the scope's check (only ever in the first batch) into ScopeCheckRefusedError. */
  async #guard(run: () => Promise<StatementResult[]>, first: boolean): Promise<StatementResult[]> {
    try {
      return await run();
    } catch (error) {
      this.#failed = true;
      if (first && pgErrorCode(error) === SCOPE_CHECK_REFUSED) {
        this.refusal = new ScopeCheckRefusedError({ cause: error });
        throw this.refusal;
      }
      throw error;
    }
  }

  #pick(results: StatementResult[], index: number, batch: readonly Statement[]): StatementResult {
    const result = results[index];
    if (!result) throw new Error(`The database answered ${results.length} of ${batch.length} statements.`);
    return result;
  }

  async rows<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.#send({ sql, params }, false)).rows as T[];
  }

  async maybeOne<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(sql, params))[0];
  }

  async one<T>(sql: string, params: readonly unknown[] = []): Promise<T> {
    const row = (await this.rows<T>(sql, params))[0];
    if (row === undefined) throw new NoRowError(sql);
    return row;
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.#send({ sql, params }, false)).rowCount;
  }

  async finalRows<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.#send({ sql, params }, true)).rows as T[];
  }

  /** After the caller's function returned: commit if a transaction is open. */
  async commit(): Promise<void> {
    if (this.#failed) throw this.refusal ?? new CommitRolledBackError();
    if (this.#state !== 'open' || !this.#session) return;
    const [result] = await this.#session.run([COMMIT]);
    this.#state = 'ended';
    if (result?.command === 'ROLLBACK') throw new CommitRolledBackError();
  }

  /** After a failure: roll back if a transaction may be open. */
  async rollback(): Promise<void> {
    if (this.#state !== 'open' || !this.#session) return;
    this.#state = 'ended';
    try {
      await this.#session.run([ROLLBACK]);
    } catch {
      this.#broken = true;
    }
  }

  /** Gives the session back (if one was opened). */
  release(): void {
    this.#session?.release(this.#broken);
    this.#session = undefined;
  }
}

/** Runs `fn` in a pipelined transaction; commits when it returns, rolls back when it throws. */
export async function runPipelined<T>(
  engine: BatchEngine,
  opening: readonly Statement[],
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const tx = new PipelinedTransaction(engine, opening);
  try {
    const result = await fn(tx);
    await tx.commit();
    return result;
  } catch (error) {
    await tx.rollback();
    throw tx.refusal ?? error;
  } finally {
    tx.release();
  }
}
