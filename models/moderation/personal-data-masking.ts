/**
 * How personal data is shown back to a parent: enough to recognise what was found ("06 ••
 * •• •• 12", "L•• M•••••"), not enough to read it off the screen or out of a log. The
 * finding's start and end still point at the original characters, for highlighting.
 */

export const MASK = '•';

/** Masks every digit but the first `keepFirst` and the last `keepLast`; separators stay. */
export function maskDigits(text: string, keepFirst: number, keepLast: number): string {
  const total = text.replace(/\D/g, '').length;
  let seen = 0;
  return text.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= keepFirst || seen > total - keepLast ? digit : MASK;
  });
}

/** Masks letters and digits but the first `keepFirst` and the last `keepLast` (IBANs). */
export function maskAlphanumerics(text: string, keepFirst: number, keepLast: number): string {
  const total = text.replace(/[^\p{L}\p{N}]/gu, '').length;
  let seen = 0;
  return text.replace(/[\p{L}\p{N}]/gu, (character) => {
    seen += 1;
    return seen <= keepFirst || seen > total - keepLast ? character : MASK;
  });
}

/** Keeps each word's first letter: "Léa Martin-Roux" → "L•• M•••••-R•••". */
export function maskNameWords(text: string): string {
  return text.replace(
    /(\p{L})([\p{L}\p{M}'’]*)/gu,
    (_, first: string, rest: string) => first + MASK.repeat(rest.length),
  );
}

/** "lea.martin@example.fr" → "l•••@e•••.fr": who and where hidden, the kind of address kept. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  return `${email.slice(0, 1)}${MASK.repeat(3)}@${domain.slice(0, 1)}${MASK.repeat(3)}${domain.slice(dot)}`;
}
