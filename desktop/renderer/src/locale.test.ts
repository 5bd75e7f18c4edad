import { describe, expect, it } from 'vitest';

import { chooseLanguage, loadLanguage, saveLanguage, startLanguage } from './locale';
import { strings } from './strings';

/** A stand-in for the browser's localStorage (a browser API, not ours). */
function fakeStorage(initial: Record<string, string> = {}): Storage {
  const items = new Map(Object.entries(initial));
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

const refusingStorage = {
  getItem: (): string | null => {
    throw new Error('SecurityError: storage is switched off');
  },
  setItem: (): void => {
    throw new Error('SecurityError: storage is switched off');
  },
};

describe('chooseLanguage', () => {
  it('speaks French for any French variant of the system', () => {
    expect(chooseLanguage(['fr-CA'], null)).toBe('fr');
    expect(chooseLanguage(['fr'], null)).toBe('fr');
    expect(chooseLanguage(['fr-BE', 'en-US'], null)).toBe('fr');
    expect(chooseLanguage(['FR_ch'], null)).toBe('fr');
  });

  it('speaks English for English, and for a language it does not speak', () => {
    expect(chooseLanguage(['en-GB'], null)).toBe('en');
    expect(chooseLanguage(['de'], null)).toBe('en');
    expect(chooseLanguage(['de-AT', 'it'], null)).toBe('en');
    expect(chooseLanguage([], null)).toBe('en');
  });

  it('takes the first language of the list that it speaks', () => {
    expect(chooseLanguage(['de-DE', 'fr-FR', 'en'], null)).toBe('fr');
    expect(chooseLanguage(['en-US', 'fr-FR'], null)).toBe('en');
  });

  it('does not mistake a language that merely starts with "fr" (Frisian) for French', () => {
    expect(chooseLanguage(['fry-NL'], null)).toBe('en');
  });

  it('lets the stored choice win over the system', () => {
    expect(chooseLanguage(['fr-FR'], 'en')).toBe('en');
    expect(chooseLanguage(['en-GB'], 'fr')).toBe('fr');
  });

  it('ignores a stored value it does not know', () => {
    expect(chooseLanguage(['fr-FR'], 'de')).toBe('fr');
    expect(chooseLanguage(['fr-FR'], '')).toBe('fr');
  });
});

describe('the remembered choice', () => {
  it('is read back as it was saved', () => {
    const storage = fakeStorage();
    expect(loadLanguage(storage)).toBeNull();
    saveLanguage('fr', storage);
    expect(loadLanguage(storage)).toBe('fr');
    expect(chooseLanguage(['en-US'], loadLanguage(storage))).toBe('fr');
  });

  it('is simply absent when the browser refuses storage', () => {
    expect(loadLanguage(refusingStorage)).toBeNull();
    expect(() => saveLanguage('en', refusingStorage)).not.toThrow();
  });
});

describe('outside a browser', () => {
  it('starts in English, so unit tests read the English words', () => {
    expect(startLanguage()).toBe('en');
    expect(strings.locale).toBe('en');
    expect(strings.library.title).toBe('Your stories');
  });
});
