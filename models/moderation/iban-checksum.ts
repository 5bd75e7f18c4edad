/**
 * The ISO 13616 check of an IBAN: move the first four characters to the end, turn letters
 * into numbers (A=10 … Z=35), and the result is 1 modulo 97. Checking it keeps product codes
 * and other letter-digit strings that merely look like an IBAN from being flagged.
 */
export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const value = character >= 'A' ? character.charCodeAt(0) - 55 : Number(character);
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder === 1;
}
