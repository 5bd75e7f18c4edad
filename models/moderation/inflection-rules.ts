/**
 * The suffixes a stem in a term list may take (`kill~v`, `tu~er`). Inflections are spelled
 * out, never guessed: matching a stem as a prefix would make "sex" flag "sextant", "drogue"
 * flag "droguerie" and "viol" flag "violon". A form a rule would wrongly produce ("violent"
 * from "violer") is avoided by listing that word's forms by hand instead (`a|b|c`).
 * Suffixes are folded like the text (no accents): "tué", "tuée" are `tu` + `e`, `ee`.
 */
export const INFLECTION_RULES = {
  /** English noun: dragon, dragons. */
  s: ['', 's'],
  /** English noun in -es: witch, witches. */
  es: ['', 'es'],
  /** English regular verb: kill, kills, killed, killing. */
  v: ['', 's', 'ed', 'ing'],
  /** English verb and its doer: kill … killer, killers. */
  vr: ['', 's', 'ed', 'ing', 'er', 'ers'],
  /** English verb in silent -e, stem without it: strangl~ve is strangle, strangled, strangling. */
  ve: ['e', 'es', 'ed', 'ing'],
  /** French noun or invariable-gender adjective: cadavre, cadavres. */
  fs: ['', 's'],
  /** French adjective: terrifiant, terrifiante, terrifiants, terrifiantes. */
  adj: ['', 'e', 's', 'es'],
  /**
   * French verb of the first group, stem without -er: present, imperfect, simple past,
   * future, conditional, past participle in both genders, present participle.
   */
  er: [
    'er',
    'e',
    'es',
    'ent',
    'ons',
    'ez',
    'ee',
    'ees',
    'ais',
    'ait',
    'aient',
    'ions',
    'iez',
    'ant',
    'a',
    'as',
    'ai',
    'ames',
    'ates',
    'erent',
    'era',
    'eras',
    'erai',
    'erons',
    'erez',
    'eront',
    'erais',
    'erait',
    'erions',
    'eriez',
    'eraient',
    'at',
  ],
} as const satisfies Record<string, readonly string[]>;

export type InflectionRule = keyof typeof INFLECTION_RULES;

export function isInflectionRule(name: string): name is InflectionRule {
  return Object.hasOwn(INFLECTION_RULES, name);
}
