// Verifies a compact JWS signed with HMAC-SHA256 (RFC 7515), synchronously with node:crypto.
// Access tokens are checked on every request; jose checks them through WebCrypto, whose
// promise-and-job round trip cost about five times the HMAC itself under load. This does the same
// checks for the one shape our service issues, and nothing more lenient:
// - exactly three segments;
// - a header segment that is exactly the one we issue, {"alg":"HS256","typ":<typ>} (so no other
//   algorithm, no "none", no "crit", "kid" or other parameter that could change how it is read);
// - a signature segment equal, in constant time, to base64url(HMAC-SHA256(key, header "." payload)),
//   which also refuses any second spelling of the same signature (padding, stray characters);
// - only then, a payload that is a JSON object. Claims (issuer, audience, expiry) are the caller's.
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

/** The token is malformed or its signature does not verify. */
export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(`The token is not valid: ${reason}.`);
    this.name = 'InvalidTokenError';
  }
}

const headers = new Map<string, string>();

/** The header segment jose writes for setProtectedHeader({ alg: 'HS256', typ }). */
function headerSegment(typ: string): string {
  let segment = headers.get(typ);
  if (segment === undefined) {
    segment = Buffer.from(JSON.stringify({ alg: 'HS256', typ })).toString('base64url');
    headers.set(typ, segment);
  }
  return segment;
}

/** The payload of a token whose header and signature verify under `key`; throws InvalidTokenError otherwise. */
export function verifyHs256(token: string, key: KeyObject, typ: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('it does not have three parts');
  const [header = '', payload = '', signature = ''] = parts;
  if (header !== headerSegment(typ))
    throw new InvalidTokenError('its header is not the one this service issues');
  const expected = Buffer.from(createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InvalidTokenError('its signature does not match');
  // Signed by us, so this is our own JSON; still checked for shape.
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidTokenError('its payload is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidTokenError('its payload is not a JSON object');
  return value as Record<string, unknown>;
}
