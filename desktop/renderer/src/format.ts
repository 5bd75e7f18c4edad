/** How values read on screen: language names, ages, lengths. */
import { strings } from './strings';

const languageNames = new Intl.DisplayNames([strings.locale], { type: 'language' });

/**
 * "fr" → "French" (in the UI's language); an unknown code is shown as it is. Capitalised, as a
 * label: French names languages in lower case ("français") mid-sentence.
 */
export function languageName(code: string): string {
  try {
    const name = languageNames.of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(strings.locale) + name.slice(1);
  } catch {
    return code;
  }
}

/** The languages offered in pickers, French and English first; any others the library holds follow. */
export const COMMON_LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'nl'] as const;

export function languageChoices(seen: Iterable<string>): string[] {
  const all = new Set<string>(COMMON_LANGUAGES);
  for (const code of seen) all.add(code);
  return [...all];
}

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;
const wholeUnits = (unit: string) =>
  new Intl.NumberFormat(strings.locale, { style: 'unit', unit, maximumFractionDigits: 0 });
const tenthUnits = (unit: string) =>
  new Intl.NumberFormat(strings.locale, { style: 'unit', unit, maximumFractionDigits: 1 });

/**
 * 491400032 → "469 MB", 2147483648 → "2 GB": in the 1024 steps file managers and RAM labels
 * use, with a tenth only where it tells two models apart (1.5 GB).
 */
export function formatBytes(bytes: number): string {
  if (bytes >= GIB) return tenthUnits('gigabyte').format(bytes / GIB);
  if (bytes >= MIB) return wholeUnits('megabyte').format(bytes / MIB);
  return wholeUnits('kilobyte').format(Math.max(bytes, 0) / KIB);
}

const longDate = new Intl.DateTimeFormat(strings.locale, { dateStyle: 'long' });

/** An ISO time as a date a parent reads: "May 3, 2026". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : longDate.format(date);
}
