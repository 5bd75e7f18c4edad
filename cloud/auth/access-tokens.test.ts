// Access tokens are verified on every request without jose (auth/hs256-token.ts): every token
// jose itself would refuse is refused here too, and every token we issue is accepted.
import { createHmac, createSecretKey, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../server/http-errors.js';
import { ManualClock } from '../testing/manual-clock.js';
import { AccessTokens, TOKEN_ISSUER } from './access-tokens.js';
import { InvalidTokenError, verifyHs256 } from './hs256-token.js';
import { ServiceSecret } from './service-secret.js';

const secret = ServiceSecret.generate();
const key = createSecretKey(secret.key('access-token'));
const AUDIENCE = 'talemo-cloud/access';
const claims = { accountId: randomUUID(), tenantId: randomUUID(), profile: 'parent_creator' };

function b64(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A token built by hand, signed with `signingKey` over exactly these header and payload. */
function handMade(header: unknown, payload: unknown, signingKey = secret.key('access-token')): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', signingKey).update(input).digest('base64url')}`;
}

function payloadFor(now: Date, extra: JWTPayload = {}): JWTPayload {
  const t = Math.floor(now.getTime() / 1000);
  return {
    tenant: claims.tenantId,
    profile: claims.profile,
    sub: claims.accountId,
    iss: TOKEN_ISSUER,
    aud: AUDIENCE,
    iat: t,
    exp: t + 900,
    ...extra,
  };
}

async function reason(tokens: AccessTokens, token: string): Promise<string> {
  try {
    await tokens.verify(token);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    expect(error.statusCode).toBe(401);
    return error.code;
  }
}

describe('access tokens', () => {
  it('accepts what it issues, with the claims it was given', async () => {
    const tokens = new AccessTokens(secret, () => new Date());
    const { token } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual(claims);
  });

  it('refuses an expired token as expired, only once its signature verified', async () => {
    const time = new ManualClock();
    const tokens = new AccessTokens(secret, time.clock, 60);
    const { token } = await tokens.issue(claims);
    time.advance(59);
    expect(await reason(tokens, token)).toBe('accepted');
    time.advance(1);
    expect(await reason(tokens, token)).toBe('token_expired');
    const other = new AccessTokens(ServiceSecret.generate(), time.clock, 60);
    expect(await reason(other, token)).toBe('invalid_token');
  });

  it('refuses a token jose would refuse: forged, tampered, other algorithms, wrong claims', async () => {
    const time = new ManualClock();
    const tokens = new AccessTokens(secret, time.clock);
    const now = time.clock();
    const header = { alg: 'HS256', typ: 'at+jwt' };
    const good = handMade(header, payloadFor(now));
    expect(await reason(tokens, good)).toBe('accepted');
    const [h, p, s] = good.split('.') as [string, string, string];
    const bad: Record<string, string> = {
      'another key': handMade(header, payloadFor(now), ServiceSecret.generate().key('access-token')),
      'another purpose’s key': handMade(header, payloadFor(now), secret.key('invitation-token')),
      'a changed payload': `${h}.${b64(payloadFor(now, { profile: 'admin' }))}.${s}`,
      'alg none': `${b64({ alg: 'none', typ: 'at+jwt' })}.${p}.`,
      'alg HS512': handMade({ alg: 'HS512', typ: 'at+jwt' }, payloadFor(now)),
      'another typ': handMade({ alg: 'HS256', typ: 'invitation+jwt' }, payloadFor(now)),
      'a crit header': handMade({ ...header, crit: ['b64'], b64: false }, payloadFor(now)),
      'two parts': `${h}.${p}`,
      'four parts': `${good}.${s}`,
      'a stray character': `${h}.${p}.${s.slice(0, 10)}!${s.slice(10)}`,
      'a truncated signature': `${h}.${p}.${s.slice(0, -2)}`,
      'another issuer': handMade(header, payloadFor(now, { iss: 'someone-else' })),
      'another audience': handMade(header, payloadFor(now, { aud: 'talemo-cloud/invitation' })),
      'a text expiry': handMade(header, payloadFor(now, { exp: '9999999999' as unknown as number })),
      'not yet valid': handMade(header, payloadFor(now, { nbf: Math.floor(now.getTime() / 1000) + 60 })),
      'a payload that is not an object': handMade(header, [1, 2]),
      'no tenant': handMade(header, { ...payloadFor(now), tenant: undefined }),
      'an account that is not a uuid': handMade(header, payloadFor(now, { sub: 'root' })),
    };
    const joseOptions = { issuer: TOKEN_ISSUER, audience: AUDIENCE, algorithms: ['HS256'], typ: 'at+jwt' };
    const joseRefuses = async (token: string) =>
      jwtVerify(token, key, { ...joseOptions, currentDate: now }).then(
        () => false,
        () => true,
      );
    for (const [what, token] of Object.entries(bad)) {
      expect({ what, outcome: await reason(tokens, token) }).toEqual({ what, outcome: 'invalid_token' });
      // The claims schema (uuid account, tenant present) is ours; everything else jose refuses too.
      if (!['no tenant', 'an account that is not a uuid'].includes(what))
        expect({ what, jose: await joseRefuses(token) }).toEqual({ what, jose: true });
    }
    expect(await joseRefuses(good)).toBe(false);
    // Stricter than jose, for shapes this service never issues.
    const stricter = {
      'a key id': handMade({ ...header, kid: 'x' }, payloadFor(now)),
      'no expiry': handMade(header, { ...payloadFor(now), exp: undefined }),
      'padding (a second spelling of the same signature)': `${h}.${p}.${s}=`,
    };
    for (const [what, token] of Object.entries(stricter))
      expect({ what, outcome: await reason(tokens, token) }).toEqual({ what, outcome: 'invalid_token' });
  });

  it('accepts a token jose signs with the same key and claims (interoperable, not home-grown format)', async () => {
    const now = new Date();
    const tokens = new AccessTokens(secret, () => now);
    const token = await new SignJWT(payloadFor(now))
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .sign(key);
    expect(await tokens.verify(token)).toEqual(claims);
  });

  it('says what is wrong with a malformed token', () => {
    expect(() => verifyHs256('a.b', key, 'at+jwt')).toThrow(InvalidTokenError);
    expect(() => verifyHs256('a.b', key, 'at+jwt')).toThrow(
      'The token is not valid: it does not have three parts.',
    );
  });
});
