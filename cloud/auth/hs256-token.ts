// Verifies a compact JWS signed with HMAC-SHA256 (RFC 7515), synchronously with node:crypto.
// Access tokens are checked on every request; jose checks them through WebCrypto, whose
// promise-and-job round trip cost about five times the HMAC itself under load. This does the same
// checks for the one shape our service issues, and nothing more lenient:
// - exactly three base64url segments, canonical (no padding, no stray characters, no other
//   encoding of the same bytes), so one token has one spelling;
// - a header that is exactly {"alg":"HS256","typ":<expected>} (no other algorithm, no "none",
//   no "crit" or other parameter that could change how it is read);
// - a 32-byte signature equal, in constant time, to HMAC-SHA256(key, header "." payload);
// - a payload that is a JSON object. Claims (issuer, audience, expiry) are the caller's to check.
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

/** The token is malformed or its signature does not verify. */
export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(`The token is not valid: ${reason}.`);
    this.name = 'InvalidTokenError';
  }
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

function decodeSegment(segment: string, what: string): Buffer {
  if (!SEGMENT.test(segment)) throw new InvalidTokenError(`its ${what} is not base64url`);
  const bytes = Buffer.from(segment, 'base64url');
  // Buffer decoding tolerates trailing bits; a second spelling of the same bytes is refused.
  if (bytes.toString('base64url') !== segment) throw new InvalidTokenError(`its ${what} is not canonical base64url`);
  return bytes;
}

function parseObject(bytes: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvalidTokenError(`its ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidTokenError(`its ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** The payload of a token whose header and signature verify under `key`; throws InvalidTokenError otherwise. */
export function verifyHs256(token: string, key: KeyObject, typ: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('it does not have three parts');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = parseObject(decodeSegment(headerPart, 'header'), 'header');
  const keys = Object.keys(header);
  if (header.alg !== 'HS256' || header.typ !== typ || keys.length !== 2)
    throw new InvalidTokenError('its header is not the one this service issues');
  const signature = decodeSegment(signaturePart, 'signature');
  const expected = createHmac('sha256', key).update(`${headerPart}.${payloadPart}`).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected))
    throw new InvalidTokenError('its signature does not match');
  // Only a signed payload is parsed.
  return parseObject(decodeSegment(payloadPart, 'payload'), 'payload');
}
