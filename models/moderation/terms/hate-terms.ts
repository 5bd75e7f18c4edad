/**
 * Hate: slurs and hateful phrases about who someone is. Written for Talemo, for detection
 * only; kept to the well-known terms. Every severity is flagged at every age (age-policy.ts).
 *
 * How entries match (term-pattern.ts): whole words of the accent- and case-folded text,
 * never inside a word; `stem~rule` takes only the suffixes of its rule (inflection-rules.ts);
 * `a|b` is either word; `[a|b]` may be absent. Safe phrases (safe-phrases.ts) cancel a match.
 *
 * Left out on purpose: everyday insults of children's stories ("bête", "idiot", "stupide",
 * "nul", "silly"), which teach a conflict rather than hurt a group; "mongol" (a people),
 * "tapette" (a fly swatter), "raton" (a raccoon). English "retard" is in the English list
 * only: in French it means "late".
 */
import type { TermList } from '../term-list';

export const HATE_EN: TermList = {
  category: 'hate',
  language: 'en',
  mild: ['midget~s', 'gypsy|gypsies', 'spaz|spastic|spastics'],
  moderate: [
    'retard~s',
    'retarded',
    'fag~s',
    'dyke~s',
    'paki~s',
    'coon~s',
    'subhuman~s',
    'go back to your [own] country',
  ],
  severe: [
    'nigger~s',
    'nigga~s',
    'faggot~s',
    'kike~s',
    'spic~s',
    'chink~s',
    'wetback~s',
    'tranny|trannies',
    'raghead~s',
    'towelhead~s',
    'gook~s',
    'heil hitler',
    'sieg heil',
    'white power',
    'dirty jew|jews|arab|arabs|immigrant|immigrants|muslim|muslims|gypsy|gypsies|mexican|mexicans',
  ],
};

export const HATE_FR: TermList = {
  category: 'hate',
  language: 'fr',
  mild: ['gogol~s'],
  moderate: [
    'romano~s',
    'mongolien~s',
    'mongolienne~s',
    'rentre|rentrez|retourne|retournez dans ton|ta|votre|leur pays',
  ],
  severe: [
    'negre~s',
    'negresse~s',
    'bougnoule~s',
    'youpin~s',
    'youpine~s',
    'bicot~s',
    'pede~s',
    'tarlouze~s',
    'gouine~s',
    'bamboula~s',
    'chinetoque~s',
    'niakoue~s',
    'travelo~s',
    'heil hitler',
    'sieg heil',
    'sale|sales arabe|arabes|juif|juifs|juive|juives|noir|noirs|noire|noires|negre|negres|musulman|musulmans|musulmane|musulmanes|gitan|gitans|gitane|gitanes|immigre|immigres|immigree|immigrees|etranger|etrangers|etrangere|etrangeres|chinois|chinoise|chinoises|homo|homos|race',
  ],
};
