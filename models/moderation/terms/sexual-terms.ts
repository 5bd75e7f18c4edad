/**
 * Sexual content. Written for Talemo, for detection only.
 *
 * How entries match (term-pattern.ts): whole words of the accent- and case-folded text,
 * never inside a word; `stem~rule` takes only the suffixes of its rule (inflection-rules.ts);
 * `a|b` is either word; `[a|b]` may be absent. Safe phrases (safe-phrases.ts) cancel a match.
 *
 * Whole words only, so "sex" never flags Sussex, Essex or a sextant, "rape" never flags
 * grapes, "rapist" never flags a therapist, and "viol" never flags a violin, violet or a
 * violent storm (the forms of "violer" are listed by hand: its rule would give "violent").
 * Left out on purpose: "naked"/"nu" (the emperor's new clothes, bath time), "baiser" (in a
 * fairy tale it is a kiss), "chatte", "queue", "pussy", "cock", "dick" (a cat, a tail, a
 * rooster, Moby Dick).
 */
import type { TermList } from '../term-list';

export const SEXUAL_EN: TermList = {
  category: 'sexual',
  language: 'en',
  mild: ['sexy', 'lingerie', 'seductive', 'boob|boobs'],
  moderate: [
    'sex|sexes',
    'sexual|sexually|sexuality',
    'erotic|erotica',
    'nude|nudes|nudity',
    'condom~s',
    'prostitute~s',
    'prostitution',
    'brothel~s',
    'horny',
    'erection~s',
    'stripper~s',
    'striptease~s',
    'hooker~s',
    'orgy|orgies',
    'penis|penises',
    'vagina~s',
  ],
  severe: [
    'porn|porno|pornography|pornographic',
    'rape|rapes|raped|raping|rapist|rapists',
    'molest~v',
    'molester~s',
    'pedophile~s',
    'paedophile~s',
    'pedophilia|paedophilia',
    'incest',
    'masturbat~ve',
    'masturbation',
    'orgasm~s',
    'blowjob~s',
    'send|sent|sending [me] nudes',
    'sexual abuse|assault|assaults',
  ],
};

export const SEXUAL_FR: TermList = {
  category: 'sexual',
  language: 'fr',
  mild: ['sexy', 'lingerie', 'nichon~s'],
  moderate: [
    'sexe~s',
    'sexuel|sexuelle|sexuels|sexuelles|sexuellement|sexualite',
    'erotique~s',
    'nudite',
    'preservatif~s',
    'prostitue~s',
    'prostituee~s',
    'prostitution',
    'faire|fait|font|faisait|faisaient|fit|firent l amour',
    'penis',
    'vagin~s',
    'bite~s',
    'striptease~s',
  ],
  severe: [
    'porno|pornographie',
    'pornographique~s',
    'viol|viols|violer|viole|violes|violee|violees|violait|violaient|viola|violeur|violeurs|violeuse',
    'pedophile~s',
    'pedophilie',
    'inceste',
    'masturb~er',
    'masturbation',
    'fellation~s',
    'sodomi~er',
    'sodomie',
    'partouze~s',
    'orgasme~s',
    'agression|agressions sexuelle|sexuelles',
    'attouchement~s',
  ],
};
