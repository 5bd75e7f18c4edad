import { describe, expect, it } from 'vitest';

import { en } from './strings';
import { fr } from './strings-fr';

type Leaf = { path: string; en: unknown; fr: unknown };

/** Every leaf of `en` beside the value at the same place in `fr` (undefined where fr lacks it). */
function leaves(enValue: unknown, frValue: unknown, path: string[] = []): Leaf[] {
  if (enValue !== null && typeof enValue === 'object') {
    const frObject = (frValue ?? {}) as Record<string, unknown>;
    return Object.entries(enValue).flatMap(([key, value]) => leaves(value, frObject[key], [...path, key]));
  }
  return [{ path: path.join('/'), en: enValue, fr: frValue }];
}

function keyPaths(value: unknown, path: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return [path.join('/')];
  return Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, [...path, key]));
}

/** Where French rightly says what English says: names, brands and words both languages share. */
const SAME_IN_BOTH = new Map<string, string>([
  ['appName', 'the app’s name'],
  ['languageSwitch/short/fr', 'each language is offered in its own words'],
  ['languageSwitch/short/en', 'each language is offered in its own words'],
  ['languageSwitch/names/fr', 'each language is offered in its own words'],
  ['languageSwitch/names/en', 'each language is offered in its own words'],
  ['story/kind/menu.questionstage', '“Question” is French too'],
  ['story/kind/menu.optionstage', '“Option” is French too'],
  ['create/tabs/fabrique', 'the Fabrique is the feature’s name'],
  ['chat/thinking', 'an ellipsis'],
  ['models/licence', '“Licence” is French too'],
  ['moderation/categories/violence', '“Violence” is French too'],
  ['narration/title', '“Narration” is French too'],
  ['narration/pages', '“page” is French too'],
  ['devices/navLabel', '“Pages” is French too'],
  ['devices/brands/lunii', 'a brand'],
  ['devices/boxName', 'a brand and a model, joined'],
]);
/** The Fabrique's picks are one shared list of words spelled alike (fabrique-words.ts). */
const SHARED_PREFIX = 'fabrique/choices/';

/** Sample arguments where the generic ones would miss the words (a phase name, a title list…). */
const SAMPLE_ARGS: Record<string, unknown[]> = {
  'importer/phase': ['reading'],
  'pageNarration/childOption': ['Zoé', false],
  'devices/installed': [['Pip', 'Lila']],
  'models/hardware': ['8 GB', 4, 'Intel'],
  'models/draftingWith': ['tiny.gguf', 'installed'],
  'badges/age': ['3-5'],
  'badges/duration': [30],
  'narration/pitchValue': [0.8],
};

function sampleArgs(path: string, arity: number): unknown[][] {
  const explicit = SAMPLE_ARGS[path];
  if (explicit) return [explicit];
  // Why two tries: a count reads wrong as a name and a name as a count; one of them fits.
  return [Array<unknown>(arity).fill(2), Array<unknown>(arity).fill('Zoé')];
}

/** Both outputs for the first sample both functions accept. */
function outputs(path: string, enFn: (...args: unknown[]) => unknown, frFn: (...args: unknown[]) => unknown) {
  for (const args of sampleArgs(path, enFn.length)) {
    try {
      return { args, en: String(enFn(...args)), fr: String(frFn(...args)) };
    } catch {
      // try the next kind of argument
    }
  }
  throw new Error(`No sample arguments suit ${path}: add some to SAMPLE_ARGS`);
}

/** French spacing aside (no-break spaces), are the two texts the same words? */
const sameWords = (a: string, b: string): boolean =>
  a.replace(/[\u00a0\u202f]/g, ' ') === b.replace(/[\u00a0\u202f]/g, ' ');

const all = leaves(en, fr);

describe('the French strings', () => {
  it('have every key of the English ones, and no other', () => {
    expect(keyPaths(fr).sort()).toEqual(keyPaths(en).sort());
  });

  it('have the same kind at every key: text for text, a function of as many parameters for a function', () => {
    const mismatches = all
      .filter(({ en: e, fr: f }) =>
        typeof e === 'function' ? typeof f !== 'function' || f.length !== e.length : typeof f !== typeof e,
      )
      .map(({ path }) => path);
    expect(mismatches).toEqual([]);
  });

  it('translate every text, except names and words French shares', () => {
    const untranslated = all
      .filter(({ path }) => !path.startsWith(SHARED_PREFIX) && !SAME_IN_BOTH.has(path))
      .filter(({ path, en: e, fr: f }) => {
        if (typeof e === 'function' && typeof f === 'function') {
          const said = outputs(
            path,
            e as (...args: unknown[]) => unknown,
            f as (...args: unknown[]) => unknown,
          );
          return sameWords(said.en, said.fr);
        }
        return typeof e === 'string' && typeof f === 'string' && sameWords(e, f);
      })
      .map(({ path }) => path);
    expect(untranslated).toEqual([]);
  });

  it('list as exceptions only texts that really are the same (the list stays honest)', () => {
    const stale = [...SAME_IN_BOTH.keys()].filter((path) => {
      const leaf = all.find((candidate) => candidate.path === path);
      if (!leaf) return true;
      if (typeof leaf.en === 'function') {
        const said = outputs(
          path,
          leaf.en as (...args: unknown[]) => unknown,
          leaf.fr as (...args: unknown[]) => unknown,
        );
        return !sameWords(said.en, said.fr);
      }
      return leaf.en !== leaf.fr;
    });
    expect(stale).toEqual([]);
  });

  it('speak to the parent as « vous », never « tu »', () => {
    const texts = all.flatMap(({ path, fr: f }) =>
      typeof f === 'string'
        ? [f]
        : typeof f === 'function'
          ? [
              outputs(
                path,
                all.find((leaf) => leaf.path === path)!.en as (...args: unknown[]) => unknown,
                f as (...args: unknown[]) => unknown,
              ).fr,
            ]
          : [],
    );
    // Why no "ton": it is also the noun (the tone of a story).
    const familiar = texts.filter((text) => /(?<!\p{L})(tu|te|ta|tes|toi|t’)(?!\p{L})/iu.test(text));
    expect(familiar).toEqual([]);
    expect(texts.filter((text) => /\bvous\b/i.test(text)).length).toBeGreaterThan(20);
  });

  it('keep a no-break space before « : ? ! ; » and inside guillemets, and curly apostrophes', () => {
    const badlySpaced = all
      .filter(({ fr: f }) => typeof f === 'string')
      .map(({ path, fr: f }) => ({ path, text: f as string }))
      .filter(({ text }) => / [:?!;»]|« |\w[?!;»]|«\w|\w'\w/.test(text));
    expect(badlySpaced).toEqual([]);
  });

  it('count with the French plural rule: zero and one take the singular', () => {
    expect(fr.library.count(0)).toBe('0\u00a0histoire');
    expect(fr.library.count(1)).toBe('1\u00a0histoire');
    expect(fr.library.count(2)).toBe('2\u00a0histoires');
    expect(fr.narration.pages(1)).toBe('1\u00a0page');
    expect(fr.devices.packCount(0)).toBe('Pas encore de pack d’histoires');
    expect(fr.devices.packCount(3)).toBe('3\u00a0packs d’histoires');
    expect(en.library.count(0)).toBe('0 stories');
    expect(en.library.count(1)).toBe('1 story');
    expect(en.devices.packCount(1)).toBe('1 story pack');
  });

  it('write numbers the French way', () => {
    expect(fr.narration.rateValue(1.5)).toMatch(/^1,5×/);
    expect(en.narration.rateValue(1.5)).toBe('1.5× normal speed');
    // Why either space: ICU versions differ on the no-break space they put before "%" and between thousands.
    expect(fr.similar.score(0.42)).toMatch(/^Similaires à 42[\u00a0\u202f]%$/);
    expect(en.similar.score(0.42)).toBe('42% alike');
    expect(fr.library.count(1234)).toMatch(/^1[\u00a0\u202f]234\u00a0histoires$/);
  });
});
