// Invitation links carry a signed token (JWT, HS256 under the invitation key, never the access
// key): invitation id, tenant, profile, expiry. The signature proves we issued it; the
// invitation row (0003) makes it one-time and revocable.
import { createSecretKey, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { BadRequestError, GoneError } from '../server/http-errors.js';
import type { Clock } from './clock.js';
import { TOKEN_ISSUER } from './access-tokens.js';
import type { ServiceSecret } from './service-secret.js';

const AUDIENCE = 'talemo-cloud/invitation';

export interface InvitationClaims {
  invitationId: string;
  tenantId: string;
  profile: string;
}

const claimsSchema = z.object({
  jti: z.uuid(),
  tenant: z.uuid(),
  profile: z.string().regex(/^[a-z][a-z0-9_]*$/),
});

export class InvitationTokens {
  // A KeyObject made once: jose would otherwise import raw key bytes on every sign and verify.
  readonly #key: KeyObject;

  constructor(
    secret: ServiceSecret,
    private readonly clock: Clock,
  ) {
    this.#key = createSecretKey(secret.key('invitation-token'));
  }

  sign(claims: InvitationClaims, expiresAt: Date): Promise<string> {
    return new SignJWT({ tenant: claims.tenantId, profile: claims.profile })
      .setProtectedHeader({ alg: 'HS256', typ: 'invitation+jwt' })
      .setJti(claims.invitationId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(this.clock().getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.#key);
  }

  async verify(token: string): Promise<InvitationClaims> {
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        issuer: TOKEN_ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        typ: 'invitation+jwt',
        currentDate: this.clock(),
      });
      const claims = claimsSchema.parse(payload);
      return { invitationId: claims.jti, tenantId: claims.tenant, profile: claims.profile };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new GoneError('This invitation has expired; ask for a new one.', 'invitation_expired');
      }
      throw new BadRequestError('This invitation link is not valid.', 'invitation_invalid');
    }
  }
}
