// Canonical JSON for hashing: object keys sorted (by UTF-16 code unit, as JSON.stringify would
// compare them), no whitespace, arrays in order. jsonb reorders keys, so the hash must not
// depend on the order a value was written or read back in.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // undefined, functions and symbols have no JSON form; an entry never holds them.
    if (text === undefined) throw new TypeError(`Cannot hash a ${typeof value} as JSON.`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
