/** How values read on screen: language names, ages, lengths. */
import { strings } from './strings';

const languageNames = new Intl.DisplayNames([strings.locale], { type: 'language' });

/** "fr" → "French" (in the UI's language); an unknown code is shown as it is. */
export function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
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
