/**
 * Scary content: horror and gore. Written for Talemo, for detection only.
 *
 * How entries match (term-pattern.ts): whole words of the accent- and case-folded text,
 * never inside a word; `stem~rule` takes only the suffixes of its rule (inflection-rules.ts);
 * `a|b` is either word; `[a|b]` may be absent. Safe phrases (safe-phrases.ts) cancel a match.
 *
 * Left out on purpose: ghosts, monsters, witches, skeletons, the dark, death as a subject
 * ("dead end", "the battery is dead", a grandparent who died). They fill good stories for
 * the youngest; what makes them frightening is the telling, which the classifier judges.
 * Nor fear itself ("terrified", "terrifiée", "scared"): a character's feeling, which a story
 * for the youngest names so that it can soothe it.
 */
import type { TermList } from '../term-list';

export const SCARY_EN: TermList = {
  category: 'scary',
  language: 'en',
  mild: ['haunt~v', 'nightmare~s', 'creepy', 'horror|horrors', 'vampire~s', 'werewolf|werewolves'],
  moderate: [
    'zombie~s',
    'demon~s',
    'demonic',
    'corpse~s',
    'dead body|bodies',
    'horror film|films|movie|movies|story|stories',
    'possessed by [a|the] demon|demons|devil|spirit|spirits',
    'exorcism~s',
    'exorcist~s',
    'covered|soaked|dripping|dripped in|with blood',
    'pool|pools of blood',
    'blood everywhere',
    'cannibal~s',
    'cannibalism',
  ],
  severe: [
    'gore',
    'gory',
    'disembowel|disembowels|disembowelled|disemboweled|disembowelling|disemboweling|disembowelment',
    'entrails',
    'dismember~v',
    'dismemberment',
    'mutilat~ve',
    'mutilation~s',
    'severed head|heads|hand|hands|finger|fingers|limb|limbs',
    'rotting corpse|corpses|flesh',
    'gouge|gouges|gouged|gouging [out] [his|her|their|my|your] eye|eyes',
  ],
};

export const SCARY_FR: TermList = {
  category: 'scary',
  language: 'fr',
  mild: ['hant~er', 'cauchemar~s', 'cauchemardesque~s', 'vampire~s', 'loup|loups garou|garous'],
  moderate: [
    'zombie~s',
    'demon~s',
    'demoniaque~s',
    'cadavre~s',
    'corps sans vie',
    'film|films d horreur|epouvante',
    'possede|possedee|possedes|possedees par un|le|les|des demon|demons|diable|esprit|esprits',
    'exorcisme~s',
    'exorciste~s',
    'mare|mares|flaque|flaques de sang',
    'couvert|couverte|couverts|couvertes|macule|maculee|macules|maculees de sang',
    'baign~er dans son|leur|une sang|mare',
    'cannibale~s',
    'cannibalisme',
  ],
  severe: [
    'gore',
    'eventr~er',
    'demembr~er',
    'mutil~er',
    'mutilation~s',
    'entrailles',
    'visceres',
    'tete|tetes coupee|coupees|tranchee|tranchees',
    'cadavre|cadavres en decomposition',
    'arrach~er les yeux',
  ],
};
