// The one door to the database. Every request-time query runs inside `transaction(scope, fn)`:
// a transaction that first becomes the app role (which owns no table, so row-level security
// always applies) and sets the scope's session settings for this transaction only. Code above
// this layer never sees a connection, so it cannot run a query outside a scope.

/** Which rows a transaction may see. The database's policies read these settings (see 0001). */
export interface Scope {
  /** app.tenant: the family or school the request acts in. */
  tenantId?: string;
  /** app.account: the signed-in person (their own account, identities, refresh tokens). */
  accountId?: string;
  /** app.lookup_email: lets sign-in find the one account with this (normalised) email. */
  lookupEmail?: string;
  /** app.lookup_issuer / app.lookup_subject: lets sign-in find one external identity. */
  lookupIdentity?: { issuer: string; subject: string };
  /**
   * More `app.*` settings, for policies a later domain adds (for example a webhook that must find
   * a tenant by an external id). Keys must start with "app.".
   */
  extra?: Record<string, string>;
  /**
   * A statement run right after the settings, before any of the transaction's own, in the same
   * round trip as the first of them. It refuses the transaction by raising SQLSTATE
   * SCOPE_CHECK_REFUSED: the transaction is then aborted before anything else in it runs, and
   * transaction() throws ScopeCheckRefusedError whatever `fn` made of the failed query. The routes
   * use it to re-check, inside the transaction, a membership they predicted from the membership
   * cache (server/membership-cache.ts, migrations/0021_membership_check.sql).
   */
  check?: Statement;
}

/** One SQL statement with its bound parameters ($1, $2…; never interpolated). */
export interface Statement {
  sql: string;
  params?: readonly unknown[];
}

/** A transaction's query surface, the same on PGlite and on a PostgreSQL server. */
export interface Tx {
  /** All rows. Parameters are always bound ($1, $2…), never interpolated. */
  rows<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  maybeOne<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Exactly one row, or throws (a query that must return a row and did not is a bug). */
  one<T>(sql: string, params?: readonly unknown[]): Promise<T>;
  /** Number of rows an INSERT/UPDATE/DELETE touched. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * The transaction's last statement: its rows, with COMMIT sent in the same round trip (a route
   * that needs one statement then costs one round trip in all, settings included). The
   * transaction is over afterwards; any further query throws TransactionEndedError.
   */
  finalRows<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export type Engine = 'pglite' | 'postgres';

export interface RoleNames {
  /** NOLOGIN role that owns every table, function and policy; migrations run as it. */
  owner: string;
  /** The role requests run as: holds grants, owns nothing, subject to every policy. */
  app: string;
}

export interface CloudDatabase {
  readonly engine: Engine;
  readonly roles: RoleNames;
  /** Runs `fn` in one transaction as the app role with `scope` set; rolls back if it throws. */
  transaction<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in one transaction as the connecting (administrative) user: role creation and
   * migrations only. Never call it from a request.
   */
  adminTransaction<T>(fn: (tx: AdminTx) => Promise<T>): Promise<T>;
  /** Resolves when the server answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  readonly closed: boolean;
}

/** An administrative transaction can also run a multi-statement script (a migration file). */
export interface AdminTx extends Tx {
  script(sql: string): Promise<void>;
}

export class DatabaseClosedError extends Error {
  constructor() {
    super('The database is closed (the service is shutting down).');
    this.name = 'DatabaseClosedError';
  }
}

/** The SQLSTATE a scope's check raises to refuse the transaction. */
export const SCOPE_CHECK_REFUSED = 'TL001';

/** The scope's check refused the transaction: nothing of it ran. */
export class ScopeCheckRefusedError extends Error {
  constructor(options?: { cause: unknown }) {
    super('The transaction was refused by its scope check; nothing in it ran.', options);
    this.name = 'ScopeCheckRefusedError';
  }
}

/** A query after finalRows(): the transaction has already committed. */
export class TransactionEndedError extends Error {
  constructor(sql: string) {
    super(`The transaction has already committed (finalRows was its last statement): ${sql.slice(0, 80)}`);
    this.name = 'TransactionEndedError';
  }
}

export class NoRowError extends Error {
  constructor(sql: string) {
    super(`Expected one row and got none from: ${sql.slice(0, 80)}`);
    this.name = 'NoRowError';
  }
}

/**
 * The settings a scope turns into, as (name, value) pairs for set_config(name, value, true).
 * Unset ones are omitted: current_setting(name, true) then reads NULL or '' and every policy
 * treats both as "no access" (see app_setting() in 0001).
 */
export function scopeSettings(scope: Scope): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (scope.tenantId !== undefined) out.push(['app.tenant', scope.tenantId]);
  if (scope.accountId !== undefined) out.push(['app.account', scope.accountId]);
  if (scope.lookupEmail !== undefined) out.push(['app.lookup_email', scope.lookupEmail]);
  if (scope.lookupIdentity !== undefined) {
    out.push(['app.lookup_issuer', scope.lookupIdentity.issuer]);
    out.push(['app.lookup_subject', scope.lookupIdentity.subject]);
  }
  for (const [name, value] of Object.entries(scope.extra ?? {})) {
    if (!/^app\.[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Scope setting "${name}" must be app.<name>.`);
    out.push([name, value]);
  }
  return out;
}

/**
 * One statement that becomes the app role and sets every scope setting, local to the
 * transaction. set_config('role', …, true) is SET LOCAL ROLE in function form, so it can share
 * a round trip with the others (one statement instead of three matters on PGlite).
 */
export function scopeStatement(appRole: string, scope: Scope): { sql: string; params: string[] } {
  const settings = scopeSettings(scope);
  const params = [appRole];
  const calls = [`set_config('role', $1, true)`];
  for (const [name, value] of settings) {
    params.push(name, value);
    calls.push(`set_config($${params.length - 1}, $${params.length}, true)`);
  }
  return { sql: `SELECT ${calls.join(', ')}`, params };
}
