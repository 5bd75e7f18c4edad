// Short-lived access tokens: JWT, HS256 under a key derived for this purpose only. Claims: sub
// (account), tenant, profile. The profile in the token is a hint for clients; every request
// checks the membership in its own transaction, so a removed or demoted member loses access at
// once. Issued with jose; verified on every request by hs256-token.ts (synchronous HMAC, the same
// checks), then issuer, audience, expiry and not-before here.
import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { UnauthorizedError } from '../server/http-errors.js';
import type { Clock } from './clock.js';
import { InvalidTokenError, verifyHs256 } from './hs256-token.js';
import type { ServiceSecret } from './service-secret.js';

export const TOKEN_ISSUER = 'talemo-cloud';
const AUDIENCE = 'talemo-cloud/access';
const TYP = 'at+jwt';

export interface AccessClaims {
  accountId: string;
  tenantId: string;
  profile: string;
}

const claimsSchema = z.object({
  sub: z.uuid(),
  tenant: z.uuid(),
  profile: z.string().regex(/^[a-z][a-z0-9_]*$/),
});

export class AccessTokens {
  // A KeyObject made once: jose would otherwise import raw key bytes on every sign and verify.
  readonly #key: KeyObject;

  constructor(
    secret: ServiceSecret,
    private readonly clock: Clock,
    readonly ttlSeconds = 15 * 60,
  ) {
    this.#key = createSecretKey(secret.key('access-token'));
  }

  async issue(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(this.clock().getTime() / 1000);
    const token = await new SignJWT({ tenant: claims.tenantId, profile: claims.profile })
      .setProtectedHeader({ alg: 'HS256', typ: TYP })
      .setSubject(claims.accountId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(this.#key);
    return { token, expiresAt: new Date((now + this.ttlSeconds) * 1000) };
  }

  /** The claims of a valid token; otherwise a 401 saying whether it expired or is simply invalid. */
  async verify(token: string): Promise<AccessClaims> {
    let payload: Record<string, unknown>;
    try {
      payload = verifyHs256(token, this.#key, TYP);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedError('The access token is not valid.');
      throw error;
    }
    const now = Math.floor(this.clock().getTime() / 1000);
    const { iss, aud, exp, nbf, iat } = payload;
    const audienceOk = aud === AUDIENCE || (Array.isArray(aud) && aud.includes(AUDIENCE));
    const timesOk =
      typeof exp === 'number' &&
      Number.isFinite(exp) &&
      (nbf === undefined || (typeof nbf === 'number' && nbf <= now)) &&
      (iat === undefined || typeof iat === 'number');
    if (iss !== TOKEN_ISSUER || !audienceOk || !timesOk)
      throw new UnauthorizedError('The access token is not valid.');
    if (exp <= now)
      throw new UnauthorizedError('Your sign-in has expired; refresh it or sign in again.', 'token_expired');
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new UnauthorizedError('The access token is not valid.');
    return { accountId: claims.data.sub, tenantId: claims.data.tenant, profile: claims.data.profile };
  }
}
