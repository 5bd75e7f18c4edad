/**
 * Which language the UI speaks: the one the parent picked with the FR | EN switch (kept in the
 * browser's storage), else the system's (Electron fills `navigator.languages` from the OS, a
 * browser from its settings): French for any French variant, English for English or any
 * language we do not speak.
 */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'talemo.language';

function isLanguage(value: string | null): value is Language {
  return value === 'fr' || value === 'en';
}

/** `stored` (what the switch remembered, if anything usable) wins over the system's list. */
export function chooseLanguage(preferred: readonly string[], stored: string | null): Language {
  if (isLanguage(stored)) return stored;
  // Why the first we speak rather than the very first: someone whose list is German then French
  // reads French better than our fallback, English.
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** The system's languages, best first; none outside a browser (unit tests run in Node). */
export function systemLanguages(): readonly string[] {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') return [];
  if (navigator.languages.length > 0) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

export function loadLanguage(storage: Pick<Storage, 'getItem'> | null = browserStorage()): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Why: storage can be switched off (private windows, strict settings); the system's language still applies.
    return null;
  }
}

export function saveLanguage(
  language: Language,
  storage: Pick<Storage, 'setItem'> | null = browserStorage(),
): void {
  try {
    storage?.setItem(STORAGE_KEY, language);
  } catch {
    // Same reason: the choice then lasts until the page is reloaded.
  }
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The language this page uses from its first render to its reload. */
export function startLanguage(): Language {
  return chooseLanguage(systemLanguages(), loadLanguage());
}

/** Screen readers, spell checkers and hyphenation read `<html lang>`. */
export function markDocumentLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
