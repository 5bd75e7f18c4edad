// Short-lived access tokens: JWT, HS256 under a key derived for this purpose only. Claims: sub
// (account), tenant, profile. The profile in the token is a hint for clients; every request
// re-reads the membership, so a removed or demoted member loses access at once.
import { createSecretKey, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { UnauthorizedError } from '../server/http-errors.js';
import type { Clock } from './clock.js';
import type { ServiceSecret } from './service-secret.js';

export const TOKEN_ISSUER = 'talemo-cloud';
const AUDIENCE = 'talemo-cloud/access';

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
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
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
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        issuer: TOKEN_ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        typ: 'at+jwt',
        currentDate: this.clock(),
      });
      const claims = claimsSchema.parse(payload);
      return { accountId: claims.sub, tenantId: claims.tenant, profile: claims.profile };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new UnauthorizedError(
          'Your sign-in has expired; refresh it or sign in again.',
          'token_expired',
        );
      }
      throw new UnauthorizedError('The access token is not valid.');
    }
  }
}
