/**
 * French social security numbers (NIR): sex, year, month, department, commune, order (13
 * digits; Corsica writes its department 2A or 2B), then a two-digit key, 97 minus the
 * number modulo 97. With the key, the check tells an NIR from any long number; without it,
 * only the usual spaced layout ("1 85 05 78 006 084") is taken as one.
 */
export function isValidNirKey(digitsAndKey: string): boolean {
  const compact = digitsAndKey.replace(/\s/g, '').toUpperCase();
  const match = /^([12]\d{4})(\d{2}|2A|2B)(\d{6})(\d{2})$/.exec(compact);
  if (!match) return false;
  const [, head = '', department = '', tail = '', key = ''] = match;
  // Corsica: for the key, department 2A counts as 19 and 2B as 18 (INSEE's rule).
  const numeric = department === '2A' ? '19' : department === '2B' ? '18' : department;
  const number = BigInt(head + numeric + tail);
  return 97n - (number % 97n) === BigInt(key);
}
