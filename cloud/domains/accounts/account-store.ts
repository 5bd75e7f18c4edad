// SQL for accounts, identities and memberships as seen by the person signing in.
import type { CloudDatabase, Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import { ADMIN_PROFILE } from '../../auth/permission-profiles.js';
import { ConflictError, ForbiddenError } from '../../server/http-errors.js';

export interface MembershipRow {
  tenant_id: string;
  profile: string;
  name: string;
  kind: 'family' | 'school';
}

/** Trimmed and lower-cased: one person, one spelling. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findPasswordAccount(
  db: CloudDatabase,
  email: string,
): Promise<{ id: string; password_hash: string | null } | undefined> {
  return db.transaction({ lookupEmail: email }, (tx) =>
    tx.maybeOne<{ id: string; password_hash: string | null }>(
      'SELECT id, password_hash FROM accounts WHERE email = $1',
      [email],
    ),
  );
}

export async function findIdentityAccount(
  db: CloudDatabase,
  issuer: string,
  subject: string,
): Promise<string | undefined> {
  const row = await db.transaction({ lookupIdentity: { issuer, subject } }, (tx) =>
    tx.maybeOne<{ account_id: string }>(
      'SELECT account_id FROM identities WHERE issuer = $1 AND subject = $2',
      [issuer, subject],
    ),
  );
  return row?.account_id;
}

/** Inserts an account; the transaction's scope must have accountId = id. */
export async function insertAccount(
  tx: Tx,
  id: string,
  email: string | null,
  passwordHash: string | null,
  now: Date,
): Promise<void> {
  try {
    await tx.execute('INSERT INTO accounts (id, email, password_hash, created_at) VALUES ($1, $2, $3, $4)', [
      id,
      email,
      passwordHash,
      now,
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('An account with this email already exists; sign in instead.', 'email_taken');
    }
    throw error;
  }
}

export async function insertIdentity(
  tx: Tx,
  accountId: string,
  issuer: string,
  subject: string,
  now: Date,
): Promise<void> {
  try {
    await tx.execute(
      'INSERT INTO identities (issuer, subject, account_id, created_at) VALUES ($1, $2, $3, $4)',
      [issuer, subject, accountId, now],
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError('That sign-in is already linked to an account.', 'identity_taken');
    throw error;
  }
}

/** Creates a tenant with `accountId` as its admin; scope must be {tenantId, accountId}. */
export async function createTenant(
  tx: Tx,
  tenant: { id: string; kind: 'family' | 'school'; name: string },
  accountId: string,
  now: Date,
): Promise<void> {
  await tx.execute('INSERT INTO tenants (id, kind, name, created_at) VALUES ($1, $2, $3, $4)', [
    tenant.id,
    tenant.kind,
    tenant.name,
    now,
  ]);
  await tx.execute(
    'INSERT INTO memberships (tenant_id, account_id, profile, created_at) VALUES ($1, $2, $3, $4)',
    [tenant.id, accountId, ADMIN_PROFILE, now],
  );
}

/** The account's memberships, oldest first; scope must include accountId. */
export function membershipsOf(tx: Tx, accountId: string): Promise<MembershipRow[]> {
  return tx.rows<MembershipRow>(
    `SELECT m.tenant_id, m.profile, t.name, t.kind
     FROM memberships m JOIN tenants t ON t.id = m.tenant_id
     WHERE m.account_id = $1 ORDER BY m.created_at, m.tenant_id`,
    [accountId],
  );
}

/** The membership to sign in to: the one asked for, else the oldest. */
export async function chooseMembership(
  tx: Tx,
  accountId: string,
  tenantId: string | undefined,
): Promise<MembershipRow> {
  const memberships = await membershipsOf(tx, accountId);
  const chosen = tenantId === undefined ? memberships[0] : memberships.find((m) => m.tenant_id === tenantId);
  if (chosen) return chosen;
  if (tenantId !== undefined)
    throw new ForbiddenError('You are not a member of that family or school.', 'not_member');
  throw new ForbiddenError(
    'This account no longer belongs to any family or school; ask for an invitation.',
    'no_tenant',
  );
}
