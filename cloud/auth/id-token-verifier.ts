// Sign in with Google or Apple: the app sends the provider's ID token; we verify its signature
// against the provider's published keys (JWKS, fetched and cached by jose), its issuer, its
// audience (our client ids) and its expiry. The JWKS URL, issuers and audiences are settings,
// so tests serve their own keys from a local server.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { OidcProvider } from '../server/config.js';
import { HttpError, NotConfiguredError, UnauthorizedError } from '../server/http-errors.js';
import type { Clock } from './clock.js';

export type ProviderName = 'google' | 'apple';

export const PROVIDER_LABEL: Record<ProviderName, string> = { google: 'Google', apple: 'Apple' };

export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified: boolean;
}

const claimsSchema = z.object({
  iss: z.string(),
  sub: z.string().min(1).max(255),
  email: z.string().optional(),
  // Apple sends "true"/"false" strings, Google booleans.
  email_verified: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  nonce: z.string().optional(),
});

export class IdTokenVerifier {
  readonly #keys = new Map<ProviderName, JWTVerifyGetKey>();

  constructor(
    private readonly providers: Partial<Record<ProviderName, OidcProvider>>,
    private readonly clock: Clock,
  ) {}

  async verify(provider: ProviderName, idToken: string, nonce?: string): Promise<VerifiedIdentity> {
    const config = this.providers[provider];
    const label = PROVIDER_LABEL[provider];
    if (!config) throw new NotConfiguredError(`Sign-in with ${label} is not set up on this server.`);
    let keys = this.#keys.get(provider);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5000 });
      this.#keys.set(provider, keys);
    }
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(idToken, keys, {
        issuer: config.issuers,
        audience: config.audiences,
        algorithms: ['RS256', 'ES256'],
        currentDate: this.clock(),
      }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || (error instanceof Error && error.name === 'TypeError')) {
        throw new HttpError(
          502,
          'provider_unavailable',
          `${label}'s sign-in keys could not be fetched; try again soon.`,
        );
      }
      if (error instanceof errors.JWTExpired)
        throw new UnauthorizedError(`The ${label} sign-in has expired; try again.`, 'id_token_expired');
      throw new UnauthorizedError(`The ${label} sign-in could not be verified.`, 'id_token_invalid');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success)
      throw new UnauthorizedError(`The ${label} sign-in is missing its subject.`, 'id_token_invalid');
    if (nonce !== undefined && claims.data.nonce !== nonce) {
      throw new UnauthorizedError(
        `The ${label} sign-in does not match this request (nonce).`,
        'id_token_invalid',
      );
    }
    const verified = claims.data.email_verified === true || claims.data.email_verified === 'true';
    return {
      // Google signs with two spellings of one issuer; store one, so (issuer, subject) stays unique.
      issuer: config.issuers[0] ?? claims.data.iss,
      subject: claims.data.sub,
      emailVerified: verified,
      ...(claims.data.email ? { email: claims.data.email.trim().toLowerCase() } : {}),
    };
  }
}
