/**
 * The patterns that find personal data a child or a parent may type or dictate into a
 * story: phone numbers, email addresses, street addresses, French social security numbers,
 * IBANs, a date of birth, "my name is" with a full name, and a school's name. Written for
 * Talemo; personal data is flagged at every age.
 *
 * Every pattern is linear: quantifiers are bounded, and each starts behind a lookbehind
 * that fails at once inside a word or a number, so the engine never retries a long run of
 * letters or digits from each of its characters. Lookarounds use \p{L}/\p{N} rather than
 * \b, which in JavaScript knows only ASCII letters ("école" would have no word start).
 */
import { isValidIban } from './iban-checksum';
import type { Severity } from './moderation-category';
import { maskAlphanumerics, maskDigits, maskEmail, maskNameWords, MASK } from './personal-data-masking';
import { isValidNirKey } from './social-security-number';

export const PERSONAL_DATA_KINDS = [
  'iban',
  'social-security-number',
  'email',
  'phone',
  'date-of-birth',
  'address',
  'full-name',
  'school',
] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface PersonalDataPattern {
  kind: PersonalDataKind;
  severity: Severity;
  /** Global and unicode. */
  regex: RegExp;
  /**
   * Something every match contains, tested first: most texts have no "@" or year, and a
   * quick search for one saves the full pattern's walk through the whole text.
   */
  requires?: RegExp;
  /** A further check of a match (a checksum, a digit count); all matches count without one. */
  accept?: (match: RegExpExecArray) => boolean;
  /** What the parent is shown of the match. */
  mask: (match: RegExpExecArray) => string;
}

/** A capitalised word of a name: "Léa", "Martin-Roux", "O'Brien", "MARTIN". */
const NAME = String.raw`\p{Lu}[\p{L}\p{M}'’\-]{1,30}`;
/** A word of a street name, which a child may type in lower case: "rue des lilas". */
const STREET_WORD = String.raw`\p{L}[\p{L}\p{M}'’\-]{1,30}`;
const NOT_IN_WORD = String.raw`(?<![\p{L}\p{N}])`;
const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{N}])`;
/** A French particle before a name: de la, du, des, l', d'. */
const FR_PARTICLE = String.raw`(?:(?:de la|de l['’]|du|des|de|d['’]|l['’]|la|le|les)[ ]*)`;

/** Letters in either case for a keyword's first letter: "rue" → "[rR]ue". */
function capitalisable(words: readonly string[]): string {
  return words.map((word) => `[${word[0]}${word[0]!.toUpperCase()}]${word.slice(1)}`).join('|');
}

const YEAR = String.raw`(?:19[4-9]\d|20[0-3]\d)`;
const FR_MONTHS = [
  'janvier',
  'février',
  'fevrier',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'aout',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
  'decembre',
];
const EN_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const ORDINAL = String.raw`(?:st|nd|rd|th|er)?`;
/**
 * A full date, day, month and year: 12/03/2015, 12.03.2015, 2015-03-12, 1er mars 2015, 3 March 2015,
 * March 3rd, 2015. Years 1940-2039 only: a date of birth in a story for children is a
 * child's or a parent's, and older ones are history ("Victor Hugo, né le 26 février 1802").
 */
const FULL_DATE = String.raw`(?:\d{1,2}[/.\-]\d{1,2}[/.\-]${YEAR}|${YEAR}-\d{2}-\d{2}|\d{1,2}${ORDINAL}[ ]+(?:of[ ]+)?(?:${capitalisable(FR_MONTHS)}|${capitalisable(EN_MONTHS)})[ ]+${YEAR}|(?:${capitalisable(EN_MONTHS)})[ ]+\d{1,2}${ORDINAL},?[ ]+${YEAR})`;
const BIRTH_WORDS = String.raw`(?:[nN]ée?s?|[dD]ate de naissance|[nN]aissance|[bB]orn|[dD]ate of birth|DOB|[dD]\.o\.b\.|[bB]irthday)`;

/** Masks a date but for its four-digit year: "12 mars 2015" → "•• •••• 2015", "2015-03-12" → "2015-••-••". */
function maskDate(date: string): string {
  const year = /(?<!\d)(?:19|20)\d{2}(?!\d)/u.exec(date);
  if (!year) return date.replace(/[\p{L}\p{N}]/gu, MASK);
  const end = year.index + year[0].length;
  const hide = (part: string): string => part.replace(/[\p{L}\p{N}]/gu, MASK);
  return hide(date.slice(0, year.index)) + year[0] + hide(date.slice(end));
}

/** Intro words that start a character's name, not a person's: "je m'appelle Petit Ours Brun". */
const CHARACTER_WORDS = new Set(
  'petit petite grand grande monsieur madame mademoiselle mister mr mrs miss little big captain capitaine docteur doctor dr princess princesse prince roi reine king queen sir lady maitre maître professeur professor le la les the mère mere père pere mother father frère frere soeur sœur brother sister oncle uncle tante aunt papy papi mamie grandpa grandma granny'.split(
    ' ',
  ),
);

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

const FR_STREET_TYPES = capitalisable(['rue', 'avenue', 'boulevard', 'allée', 'allee', 'impasse', 'quai']);
/** Also everyday words ("1 cours de piano", "3 place"): taken only before a capitalised name. */
const FR_AMBIGUOUS_STREET_TYPES = capitalisable([
  'place',
  'chemin',
  'route',
  'cours',
  'square',
  'passage',
  'voie',
  'résidence',
  'residence',
  'lotissement',
  'chaussée',
  'chaussee',
  'sentier',
  'hameau',
]);
/** A dot only after an abbreviation: the full stop after "Willow Street." ends the sentence. */
const EN_STREET_TYPES =
  'Street|Road|Avenue|Lane|Drive|Boulevard|Close|Court|Way|Place|Crescent|Terrace|Gardens|Grove|Square|Parkway|(?:St|Rd|Ave|Ln|Blvd)\\.?';
const HOUSE_NUMBER = String.raw`${NOT_IN_WORD}\d{1,4}(?:[ ]?(?:bis|ter|[a-dA-D]))?,?[ ]+`;
const MORE_NAME_WORDS = String.raw`(?:[ \-]+${FR_PARTICLE}?${NAME}){0,4}`;

const FR_SCHOOLS = capitalisable([
  'école',
  'ecole',
  'collège',
  'college',
  'lycée',
  'lycee',
  'groupe scolaire',
]);
const FR_SCHOOL_TYPES = String.raw`(?:[ ]+(?:maternelle|primaire|élémentaire|elementaire|publique|privée|privee|internationale))?`;
const EN_SCHOOL_TYPES =
  'Primary|Elementary|Middle|High|Junior|Infant|Infants|Grammar|Secondary|Nursery|Preparatory|Prep';

// For masking: where the date, the street type and the school type sit in a match.
const DATE_AT_END = new RegExp(`${FULL_DATE}$`, 'u');
const FR_STREET_TYPE_AT_START = new RegExp(
  `^(,?\\s*(?:bis|ter|[a-dA-D])?,?\\s*)(${FR_STREET_TYPES}|${FR_AMBIGUOUS_STREET_TYPES})(\\s+)`,
  'u',
);
const FR_SCHOOL_AT_START = new RegExp(`^(?:${FR_SCHOOLS})${FR_SCHOOL_TYPES}\\s+`, 'u');
const EN_SCHOOL_TYPE_AT_END = new RegExp(`\\s(?:(?:${EN_SCHOOL_TYPES})\\s+School|Elementary)$`, 'u');

export const PERSONAL_DATA_PATTERNS: readonly PersonalDataPattern[] = [
  {
    kind: 'iban',
    severity: 'severe',
    requires: /[A-Z]{2}\d{2}/,
    regex: new RegExp(
      String.raw`${NOT_IN_WORD}[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?${NOT_BEFORE_WORD}`,
      'gu',
    ),
    accept: (match) => isValidIban(match[0]),
    mask: (match) => maskAlphanumerics(match[0], 4, 2),
  },
  {
    kind: 'social-security-number',
    severity: 'severe',
    requires: /\d{3}/,
    regex: new RegExp(
      String.raw`${NOT_IN_WORD}[12][ ]?\d{2}[ ]?(?:0[1-9]|1[0-2]|[2-9]\d)[ ]?(?:\d{2}|2[AB])[ ]?\d{3}[ ]?\d{3}(?:[ ]?\d{2})?(?![ ]?\d)`,
      'gu',
    ),
    accept: (match) => {
      const compact = match[0].replace(/\s/g, '');
      return compact.length === 15 ? isValidNirKey(compact) : /\s/.test(match[0]);
    },
    mask: (match) => maskAlphanumerics(match[0], 0, 2),
  },
  {
    kind: 'email',
    severity: 'severe',
    requires: /@/,
    regex: new RegExp(
      String.raw`(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]{1,64}@(?:[\p{L}\p{N}\-]{1,63}\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}\-])`,
      'gu',
    ),
    mask: (match) => maskEmail(match[0]),
  },
  {
    kind: 'phone',
    severity: 'severe',
    regex: new RegExp(
      [
        // International: +33 6 12 34 56 78, 0033 (0)6…, +44 20 7946 0958, +1 (555) 123-4567.
        String.raw`(?<![\p{L}\p{N}+])(?:\+|00)[ ]?[1-9](?:[ .\-]?(?:\(\d{1,4}\)|\d)){7,14}(?![ .\-]?\d)`,
        // National with a leading 0: 06 12 34 56 78, 0612345678, 07700 900123, 020 7946 0958.
        String.raw`(?<![\p{L}\p{N}+])0\d(?:[ .\-]?\d){8,9}(?![ .\-]?\d)`,
        // North American: (555) 123-4567, 555-123-4567.
        String.raw`(?<![\p{L}\p{N}])(?:\(\d{3}\)[ ]?|\d{3}[ .\-])\d{3}[ .\-]\d{4}(?![ .\-]?\d)`,
      ].join('|'),
      'gu',
    ),
    accept: (match) => digitCount(match[0]) >= 10 && digitCount(match[0]) <= 15,
    mask: (match) => maskDigits(match[0], 2, 2),
  },
  {
    kind: 'date-of-birth',
    severity: 'moderate',
    requires: new RegExp(YEAR),
    regex: new RegExp(
      [
        // A birth word shortly before the date, in the same sentence: "née le 3 mars 2016".
        String.raw`${NOT_IN_WORD}${BIRTH_WORDS}${NOT_BEFORE_WORD}[^.!?\n\d]{0,30}?${FULL_DATE}`,
        // A full name just before it: "Léa Martin, 12/03/2016", "Léa Martin (12/03/2016)".
        String.raw`${NOT_IN_WORD}${NAME}[ ]+${NAME}[ ]?[,(–\-][ ]?${FULL_DATE}`,
      ].join('|'),
      'gu',
    ),
    mask: (match) => {
      const date = DATE_AT_END.exec(match[0]);
      const cut = date ? date.index : 0;
      const before = match[0].slice(0, cut);
      // A name before the date is masked too; a birth word ("née le") is not personal.
      const shownBefore =
        /^\p{Lu}/u.test(before) && !/^(?:Née?s?|Date|Naissance|Born|DOB|D\.o\.b\.|Birthday)/u.test(before)
          ? maskNameWords(before)
          : before;
      return shownBefore + maskDate(match[0].slice(cut));
    },
  },
  {
    kind: 'address',
    severity: 'severe',
    regex: new RegExp(
      [
        // 12 rue des Lilas, 3 bis avenue Jean Jaurès, 5 allée du Moulin.
        String.raw`${HOUSE_NUMBER}(?:${FR_STREET_TYPES})[ ]+${FR_PARTICLE}?${STREET_WORD}${MORE_NAME_WORDS}`,
        // 4 place de la Mairie, 7 chemin des Vignes: capital name only.
        String.raw`${HOUSE_NUMBER}(?:${FR_AMBIGUOUS_STREET_TYPES})[ ]+${FR_PARTICLE}?${NAME}${MORE_NAME_WORDS}`,
        // 12 Main Street, 221B Baker St., 7 Oak Tree Lane.
        String.raw`${NOT_IN_WORD}\d{1,5}[A-Za-z]?[ ]+(?:${NAME}[ ]+){1,3}(?:${EN_STREET_TYPES})${NOT_BEFORE_WORD}`,
      ].join('|'),
      'gu',
    ),
    mask: (match) => {
      const number = /^\d+[A-Za-z]?/.exec(match[0])?.[0] ?? '';
      const rest = match[0].slice(number.length);
      const typeWord = FR_STREET_TYPE_AT_START.exec(rest);
      if (typeWord) {
        // French: the number and the street's name hidden, the street type and particles kept.
        const head = typeWord[0];
        return MASK.repeat(number.length) + head + maskStreetName(rest.slice(head.length));
      }
      // English: the type word comes last ("Main Street").
      const last = /\s(\S+)$/u.exec(rest);
      const cut = last ? last.index : rest.length;
      return MASK.repeat(number.length) + maskNameWords(rest.slice(0, cut)) + rest.slice(cut);
    },
  },
  {
    kind: 'full-name',
    severity: 'moderate',
    regex: new RegExp(
      String.raw`${NOT_IN_WORD}((?:[mM]y name is|[mM]y name's|I am called|I'm called|[jJ]e m['’]appelle|[mM]on nom est|[mM]oi,? c['’]est)[ ]+)(${NAME})[ ]+${NAME}(?:[ ]+${NAME})?`,
      'gu',
    ),
    accept: (match) => !CHARACTER_WORDS.has((match[2] ?? '').toLowerCase()),
    mask: (match) => {
      const intro = match[1] ?? '';
      return intro + maskNameWords(match[0].slice(intro.length));
    },
  },
  {
    kind: 'school',
    severity: 'mild',
    requires: /[ée]cole|[ÉE]cole|[cC]oll[èe]ge|[lL]yc[ée]e|scolaire/,
    // l'école Jules Ferry, école maternelle des Tilleuls, collège Sainte-Marie.
    regex: new RegExp(
      String.raw`${NOT_IN_WORD}(?:${FR_SCHOOLS})${FR_SCHOOL_TYPES}[ ]+${FR_PARTICLE}?${NAME}(?:[ \-]+${FR_PARTICLE}?${NAME}){0,3}`,
      'gu',
    ),
    mask: (match) => {
      const type = FR_SCHOOL_AT_START.exec(match[0]);
      const cut = type ? type[0].length : 0;
      return match[0].slice(0, cut) + maskStreetName(match[0].slice(cut));
    },
  },
  {
    kind: 'school',
    severity: 'mild',
    requires: /School|Elementary/,
    // Oakwood Primary School, St Mary's Primary School, Lincoln Elementary. Not "Hilltop
    // School" nor "Magic Academy" by themselves: stories invent schools all the time.
    regex: new RegExp(
      String.raw`${NOT_IN_WORD}(?:${NAME}[ ]+){1,3}(?:(?:${EN_SCHOOL_TYPES})[ ]+School|Elementary)${NOT_BEFORE_WORD}`,
      'gu',
    ),
    mask: (match) => {
      const type = EN_SCHOOL_TYPE_AT_END.exec(match[0]);
      const cut = type ? type.index : match[0].length;
      return maskNameWords(match[0].slice(0, cut)) + match[0].slice(cut);
    },
  },
];

/** Masks the name words of a French street or school, keeping its particles: "des L••••". */
function maskStreetName(name: string): string {
  return name.replace(/\p{L}[\p{L}\p{M}]*/gu, (word) =>
    /^(?:de|la|le|les|du|des|d|l)$/iu.test(word) ? word : word[0] + MASK.repeat(word.length - 1),
  );
}
