// Named prepared statements, per database session: the first time a session runs a SQL text it
// is parsed under a name; afterwards only Bind/Execute are sent, so the server skips parsing,
// analysis and rewriting and can reuse its plan (PostgreSQL re-plans by itself when the role or
// a table changes, and row-level security is applied per role, so a plan made for the app role is
// only used for it). Our SQL texts are constants in the code (parameters are always bound), so
// the set is small; past MAX_NAMED, statements go unnamed as before.
//
// Which names exist is only certain after a batch succeeds. When a batch fails, the server stops
// at the error, so its new Parses may or may not have happened: its names become "uncertain" and
// the next batch that uses one closes it first (closing a missing statement is no error).
export const MAX_NAMED = 500;

type NameState = 'ready' | 'pending' | 'uncertain';

interface Named {
  name: string;
  state: NameState;
}

/** How a batch sends one statement. */
export interface StatementPlan {
  /** '' for an unnamed statement. */
  name: string;
  /** Send Parse (with `name`) before Bind. */
  parse: boolean;
  /** Send Close for `name` before the Parse. */
  closeFirst: boolean;
}

export class SessionStatements {
  readonly #named = new Map<string, Named>();
  readonly #prefix: string;

  constructor(prefix = 'talemo_') {
    this.#prefix = prefix;
  }

  plan(sql: string): StatementPlan {
    let named = this.#named.get(sql);
    if (!named) {
      if (this.#named.size >= MAX_NAMED) return { name: '', parse: true, closeFirst: false };
      named = { name: `${this.#prefix}${this.#named.size + 1}`, state: 'uncertain' };
      this.#named.set(sql, named);
      named.state = 'pending';
      return { name: named.name, parse: true, closeFirst: false };
    }
    if (named.state === 'uncertain') {
      named.state = 'pending';
      return { name: named.name, parse: true, closeFirst: true };
    }
    if (named.state === 'pending') {
      // A batch still in flight parses it, and may fail before it does: this one must not depend
      // on that (on a shared pipelined connection it belongs to another request), so it goes unnamed.
      return { name: '', parse: true, closeFirst: false };
    }
    return { name: named.name, parse: false, closeFirst: false };
  }

  /** The batch succeeded: every statement it parsed under a name exists. */
  confirm(sqls: readonly string[], plans: readonly StatementPlan[]): void {
    sqls.forEach((sql, i) => {
      const plan = plans[i];
      const named = this.#named.get(sql);
      // Only from 'pending': a later failure elsewhere may have made it uncertain meanwhile.
      if (plan?.parse && plan.name !== '' && named?.name === plan.name && named.state === 'pending')
        named.state = 'ready';
    });
  }

  /**
   * The batch failed: what it parsed may or may not exist, and a statement thought ready may be
   * the cause (its result type changed under a migration, or it is gone): all of them are
   * closed and parsed again next time. Errors are rare; this costs one Parse each.
   */
  distrust(sqls: readonly string[]): void {
    for (const sql of sqls) {
      const named = this.#named.get(sql);
      if (named) named.state = 'uncertain';
    }
  }
}
