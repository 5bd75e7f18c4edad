// Refresh tokens: "<account id>.<token id>.<secret>", of which only SHA-256(secret) is stored.
// The account id lets the lookup run in that account's scope (row-level security), so no query
// ever searches all accounts' tokens. Each token works once; using it again means it was
// stolen (or a client bug), and the whole family from that sign-in is revoked.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CloudDatabase, Tx } from '../db/database.js';
import type { Clock } from './clock.js';

const FORMAT = /^([0-9a-f-]{36})\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
}

export type RotateResult =
  | { ok: true; accountId: string; tenantId: string; profile: string; refresh: IssuedRefreshToken }
  | { ok: false; reason: 'invalid' | 'expired' | 'revoked' | 'reused' | 'not_member' };

interface TokenRow {
  family_id: string;
  tenant_id: string;
  secret_hash: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export class RefreshTokens {
  constructor(
    private readonly db: CloudDatabase,
    private readonly clock: Clock,
    readonly ttlSeconds: number,
  ) {}

  /**
   * Issues a token inside the caller's transaction, whose scope must include this accountId.
   * Without `familyId` it starts a new family (a sign-in).
   */
  async issue(
    tx: Tx,
    accountId: string,
    tenantId: string,
    familyId: string = randomUUID(),
  ): Promise<IssuedRefreshToken> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock().getTime() + this.ttlSeconds * 1000);
    await tx.execute(
      `INSERT INTO refresh_tokens (id, family_id, account_id, tenant_id, secret_hash, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, familyId, accountId, tenantId, hashSecret(secret), this.clock(), expiresAt],
    );
    return { token: `${accountId}.${id}.${secret}`, expiresAt };
  }

  /** Spends `token` and issues its successor, or says why not (committing any revocation). */
  rotate(token: string): Promise<RotateResult> {
    const parts = FORMAT.exec(token);
    if (!parts) return Promise.resolve({ ok: false, reason: 'invalid' });
    const [, accountId = '', id = '', secret = ''] = parts;
    const now = this.clock();
    return this.db.transaction({ accountId }, async (tx): Promise<RotateResult> => {
      const row = await tx.maybeOne<TokenRow>(
        `SELECT family_id, tenant_id, secret_hash, expires_at, used_at, revoked_at
         FROM refresh_tokens WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row || !sameHash(row.secret_hash, hashSecret(secret))) return { ok: false, reason: 'invalid' };
      if (row.revoked_at) return { ok: false, reason: 'revoked' };
      if (row.used_at) {
        await revokeFamily(tx, row.family_id, now);
        return { ok: false, reason: 'reused' };
      }
      if (row.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
      await tx.execute('UPDATE refresh_tokens SET used_at = $2 WHERE id = $1', [id, now]);
      const membership = await tx.maybeOne<{ profile: string }>(
        'SELECT profile FROM memberships WHERE tenant_id = $1 AND account_id = $2',
        [row.tenant_id, accountId],
      );
      if (!membership) {
        await revokeFamily(tx, row.family_id, now);
        return { ok: false, reason: 'not_member' };
      }
      const refresh = await this.issue(tx, accountId, row.tenant_id, row.family_id);
      return { ok: true, accountId, tenantId: row.tenant_id, profile: membership.profile, refresh };
    });
  }

  /** Sign-out: revokes the family `token` belongs to. Unknown tokens are ignored. */
  async revoke(token: string): Promise<void> {
    const parts = FORMAT.exec(token);
    if (!parts) return;
    const [, accountId = '', id = '', secret = ''] = parts;
    await this.db.transaction({ accountId }, async (tx) => {
      const row = await tx.maybeOne<TokenRow>(
        'SELECT family_id, secret_hash FROM refresh_tokens WHERE id = $1',
        [id],
      );
      if (row && sameHash(row.secret_hash, hashSecret(secret)))
        await revokeFamily(tx, row.family_id, this.clock());
    });
  }
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

async function revokeFamily(tx: Tx, familyId: string, now: Date): Promise<void> {
  await tx.execute('UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL', [
    familyId,
    now,
  ]);
}
