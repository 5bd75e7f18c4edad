/**
 * Self-harm and suicide. Written for Talemo, for detection only. Every severity is flagged
 * at every age (age-policy.ts); the severity only tells a parent how explicit it is.
 *
 * How entries match (term-pattern.ts): whole words of the accent- and case-folded text,
 * never inside a word; `stem~rule` takes only the suffixes of its rule (inflection-rules.ts);
 * `a|b` is either word; `[a|b]` may be absent. Safe phrases (safe-phrases.ts) cancel a match.
 *
 * Phrases, not single words, wherever the words alone are everyday ones: "cut myself"
 * (on paper), "hurt myself" (falling off a bike), "se faire mal" are left out. French
 * negation keeps "je ne veux pas mourir" apart from "je veux mourir" by itself; English "I
 * don't want to die" needs a safe phrase. Reflexive "se tuer" is self-harm, but "il va me
 * tuer" is a threat (violence), so first-person forms need "je".
 */
import type { TermList } from '../term-list';

export const SELF_HARM_EN: TermList = {
  category: 'self-harm',
  language: 'en',
  mild: [],
  moderate: [
    'want|wants|wanted to die',
    'wanna die',
    'better off dead',
    'no reason to live',
    'wish|wished [i|she|he|they] was|were dead',
    'starve|starves|starved|starving myself|herself|himself|themselves',
    'make|makes|made|making myself|herself|himself|themselves throw up|vomit',
  ],
  severe: [
    'suicide~s',
    'suicidal',
    'kill|kills|killed|killing myself|yourself|himself|herself|themselves|ourselves|oneself|yourselves',
    'end|ends|ended|ending my|his|her|their|your [own] life',
    'take|takes|took|taking|taken my|his|her|their|your own life',
    'slit|slits|slitting my|his|her|their|your wrist|wrists',
    'hang|hangs|hanged|hanging myself|yourself|himself|herself|themselves',
    'self harm|harming|injury|injuring|mutilation',
  ],
};

export const SELF_HARM_FR: TermList = {
  category: 'self-harm',
  language: 'fr',
  mild: [],
  moderate: [
    'envie de mourir',
    'veux|veut|voulais|voulait|voudrais|voudrait mourir',
    'plus envie de vivre',
    'plus vouloir vivre',
    'se|s faire|fait|faisait vomir',
    'scarifi~er',
    'scarification~s',
  ],
  severe: [
    'suicid~er',
    'suicidaire~s',
    'se|s [est|sont|etait|etaient|serait|seraient|sera] tu~er',
    'je|j [vais|veux|voulais|voudrais|allais] me|m [suis] tu~er',
    'mettre|met|mets|mis|mit|mettait|mettra|mettrait fin a ses|mes|tes|leurs|leur|nos|vos jours',
    'mettre|met|mets|mis|mit|mettait|mettra|mettrait fin a sa|ma|ta|leur vie',
    'en finir avec la vie',
    'ouvrir|ouvre|ouvrit|ouvert|ouverte|ouvrait les veines',
    'taillad~er les veines|poignets',
    'se|s|me|m|te|t [est|suis|es|sont|etait|etaient] pendre|pend|pends|pendent|pendu|pendue|pendus|pendues|pendait|pendaient|pendit|pendra|pendrait',
    'automutil~er',
    'automutilation~s',
  ],
};
