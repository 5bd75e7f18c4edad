/**
 * The sentences a linear box speaks to let a child steer: one set per narration language.
 * Every chapter number is said as "chapter N" / "chapitre N", so the words alone tell a child
 * (and the tests, which parse them) where to skip.
 */
export type PromptLanguage = 'fr' | 'en';

/** Which way the child skips: forward ("skip to") or back ("go back to", on the box's back button). */
export type SkipDirection = 'forward' | 'back';

export interface PromptPhrases {
  /** One option of a choice: "To choose the forest, skip to chapter 4." */
  option(label: string, chapter: number, direction: SkipDirection): string;
  /** A random transition: the child draws for the box. */
  surprise(chapters: number[]): string;
  /** A path that goes on elsewhere than the next chapter. */
  jump(chapter: number, direction: SkipDirection): string;
  /** Where a path ends: the child stops the box (the next chapter is another path). */
  end: string;
  /** An option with no name and no words. */
  unnamedOption(position: number): string;
}

const list = (items: string[], and: string): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;

const PHRASES: Record<PromptLanguage, PromptPhrases> = {
  en: {
    option: (label, chapter, direction) =>
      `To choose ${label}, ${direction === 'forward' ? 'skip to' : 'go back to'} chapter ${chapter}.`,
    surprise: (chapters) =>
      `For a surprise, choose one: ${list(
        chapters.map((n) => `chapter ${n}`),
        'or',
      )}.`,
    jump: (chapter, direction) =>
      direction === 'forward' ? `Now skip to chapter ${chapter}.` : `Now go back to chapter ${chapter}.`,
    end: 'The end.',
    unnamedOption: (position) => `option ${position}`,
  },
  fr: {
    option: (label, chapter, direction) =>
      `Pour choisir ${label}, ${direction === 'forward' ? 'passe au' : 'retourne au'} chapitre ${chapter}.`,
    surprise: (chapters) =>
      `Pour une surprise, choisis : ${list(
        chapters.map((n) => `chapitre ${n}`),
        'ou',
      )}.`,
    jump: (chapter, direction) =>
      direction === 'forward'
        ? `Maintenant, passe au chapitre ${chapter}.`
        : `Maintenant, retourne au chapitre ${chapter}.`,
    end: 'Fin.',
    unnamedOption: (position) => `l'option ${position}`,
  },
};

export function promptPhrases(language: PromptLanguage): PromptPhrases {
  return PHRASES[language];
}

/** Words a spoken label may hold at most: an option is named, not read out whole. */
const LABEL_WORDS = 8;

/** What an option is called aloud: its name, else the start of its words, without end punctuation. */
export function optionLabel(name: string, text: string): string | null {
  const clean = (value: string): string =>
    value
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[\s.!?…:;,]+$/u, '');
  const byName = clean(name);
  if (byName) return byName;
  const words = clean(text).split(' ').slice(0, LABEL_WORDS).join(' ');
  return clean(words) || null;
}
