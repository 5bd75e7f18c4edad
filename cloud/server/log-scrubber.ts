// Personal data and credentials must not reach the logs (GDPR; a leaked log must not be a
// leaked account). Structured fields are redacted by path in logger.ts; this catches what slips
// into free text (an error message quoting an email, a token pasted into a URL).
const PATTERNS: Array<[RegExp, string]> = [
  [/[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi, '[email]'],
  [/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[token]'],
  // Refresh tokens: <account uuid>.<token uuid>.<secret>
  [/[0-9a-f-]{36}\.[0-9a-f-]{36}\.[\w-]{20,}/gi, '[token]'],
  [/\bbearer\s+\S+/gi, 'Bearer [token]'],
];

export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Scrubs every string in a log object, a few levels deep (log objects are small). Class
 * instances (a request, an error) are left whole for their serializers, which run later and
 * keep only safe fields.
 */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = scrubValue(v, depth + 1);
  return out;
}
