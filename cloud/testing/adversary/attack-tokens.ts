// The credentials an attacker can try, described as data first (so twin probes can swap ids
// inside them before they are signed), then made into real tokens.
import { SignJWT } from 'jose';
import { AccessTokens } from '../../auth/access-tokens.js';
import { InvitationTokens } from '../../auth/invitation-tokens.js';
import type { ServiceSecret } from '../../auth/service-secret.js';

export interface Claims {
  sub: string;
  tenant: string;
  profile: string;
}

export type AuthSpec =
  /** The attacker's own access token (the normal case). */
  | { kind: 'own' }
  | { kind: 'none' }
  /** Some other string as the bearer token (an invitation token, a refresh token). */
  | { kind: 'raw'; token: string }
  /** Genuinely signed by the service but naming another tenant or account: only the membership check stops it. */
  | { kind: 'signed'; claims: Claims }
  /** The attacker's token with its payload edited and its signature kept. */
  | { kind: 'tampered'; claims: Claims }
  /** Signed with a key the attacker made up. */
  | { kind: 'forged'; claims: Claims }
  /** alg "none". */
  | { kind: 'unsigned'; claims: Claims };

/** Body placeholders, turned into invitation tokens after id swapping. */
export interface InvitationTokenSpec {
  $invitation: 'tampered' | 'foreign-key';
  /** For 'tampered': the genuine token whose payload is edited. */
  base?: string;
  claims: { jti: string; tenant: string; profile: string };
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function editPayload(token: string, edit: Record<string, unknown>): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${b64({ ...claims, ...edit })}.${signature}`;
}

const ATTACKER_KEY = new Uint8Array(32).fill(42);

export class AttackTokens {
  readonly #access: AccessTokens;
  readonly #foreignInvitations: InvitationTokens;

  constructor(secret: ServiceSecret, foreignSecret: ServiceSecret) {
    // Clock: now; these tokens are used within seconds.
    this.#access = new AccessTokens(secret, () => new Date());
    this.#foreignInvitations = new InvitationTokens(foreignSecret, () => new Date());
  }

  async bearer(spec: AuthSpec, own: string): Promise<string | undefined> {
    switch (spec.kind) {
      case 'own':
        return own;
      case 'none':
        return undefined;
      case 'raw':
        return spec.token;
      case 'signed':
        return (
          await this.#access.issue({
            accountId: spec.claims.sub,
            tenantId: spec.claims.tenant,
            profile: spec.claims.profile,
          })
        ).token;
      case 'tampered':
        return editPayload(own, { ...spec.claims });
      case 'forged':
        return new SignJWT({ tenant: spec.claims.tenant, profile: spec.claims.profile })
          .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
          .setSubject(spec.claims.sub)
          .setIssuer('talemo-cloud')
          .setAudience('talemo-cloud/access')
          .setExpirationTime('10m')
          .sign(ATTACKER_KEY);
      case 'unsigned':
        return `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ ...spec.claims, iss: 'talemo-cloud', aud: 'talemo-cloud/access', exp: 4e9 })}.`;
    }
  }

  async invitation(spec: InvitationTokenSpec): Promise<string> {
    if (spec.$invitation === 'tampered' && spec.base) return editPayload(spec.base, { ...spec.claims });
    return this.#foreignInvitations.sign(
      { invitationId: spec.claims.jti, tenantId: spec.claims.tenant, profile: spec.claims.profile },
      new Date(Date.now() + 3600_000),
    );
  }

  /** Replaces every InvitationTokenSpec inside a body with a real token. */
  async materialize(value: unknown): Promise<unknown> {
    if (Array.isArray(value)) return Promise.all(value.map((v) => this.materialize(v)));
    if (value === null || typeof value !== 'object') return value;
    if ('$invitation' in value) return this.invitation(value as InvitationTokenSpec);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await this.materialize(v);
    return out;
  }
}
