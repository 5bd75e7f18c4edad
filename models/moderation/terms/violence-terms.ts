/**
 * Violence: harm done to someone. Written for Talemo, for detection only.
 *
 * How entries match (term-pattern.ts): whole words of the accent- and case-folded text,
 * never inside a word; `stem~rule` takes only the suffixes of its rule (inflection-rules.ts);
 * `a|b` is either word; `[a|b]` may be absent. Safe phrases (safe-phrases.ts) cancel a match.
 *
 * Left out on purpose: eating ("the wolf ate grandma", "le loup dévora") and fairy-tale
 * characters (wolf, ogre, witch, dragon), because they are the stuff of stories for 4-6 and a
 * word list cannot tell a fairy tale from cruelty (the classifier pass can); "hit", "kick",
 * "frapper" (knock at the door, kick a ball, clap hands) and "sword", which a knight carries.
 * "tuerie" (a massacre) is its own severe entry: the verb `tu~er` never produces it.
 */
import type { TermList } from '../term-list';

export const VIOLENCE_EN: TermList = {
  category: 'violence',
  language: 'en',
  mild: [
    'slap|slaps|slapped|slapping',
    'punch|punches|punched|punching',
    'fistfight~s',
    'brawl~v',
    'spank~v',
    'beat|beats|beating|beaten [him|her|them|me|you|us|someone|somebody|each] [other] up',
  ],
  moderate: [
    'kill~vr',
    'murder~vr',
    'stab|stabs|stabbed|stabbing',
    'strangl~ve',
    'shoot|shoots|shot|shooting [him|her|them|me|you|us] dead',
    'gunned down',
    'gunshot~s',
    'shootout~s',
    'gun~s',
    'handgun~s',
    'pistol~s',
    'rifle~s',
    'bullet~s',
    'bomb~s',
    'grenade~s',
    'kidnap|kidnaps|kidnapped|kidnapping|kidnapper|kidnappers',
    'assassin~s',
    'assassinat~ve',
    'assassination~s',
    'terrorist~s',
    'terrorism',
  ],
  severe: [
    'massacre|massacres|massacred|massacring',
    'slaughter~v',
    'behead~v',
    'decapitat~ve',
    'decapitation~s',
    'tortur~ve',
    'torturer~s',
    'genocide~s',
    'bloodbath~s',
    'mass|school shooting|shootings',
    'mass murder~vr',
    'serial killer~s',
    'beat|beats|beating|beaten [him|her|them|me|you|us] to death',
    'stabbed|strangled|kicked to death',
    'slit|slits|slitting|cut|cuts|cutting [his|her|their|your|my] throat|throats',
  ],
};

export const VIOLENCE_FR: TermList = {
  category: 'violence',
  language: 'fr',
  mild: [
    'gifl~er',
    'bagarr~er',
    'fesser|fessee|fessees|fessait|fessa',
    'coup|coups de poing|poings',
    'se|s [est|suis|es|sont|etait|etaient|sommes|etes|etais] battre|bat|bats|battent|battait|battaient|battu|battue|battus|battues|battirent|battit|battra|battront|battrait|battant',
  ],
  moderate: [
    'tu~er',
    'tueur~s',
    'tueuse~s',
    'assassin~s',
    'assassin~er',
    'assassinats',
    'meurtre~s',
    'meurtrier~s',
    'poignard~er',
    'etrangl~er',
    'fusill~er',
    'fusillade~s',
    'fusil~s',
    'pistolet~s',
    'revolver~s',
    'mitraillette~s',
    'kalachnikov~s',
    'arme|armes a feu',
    'bombe~s',
    'kidnapp~er',
    'kidnappeur~s',
    'terroriste~s',
    'attentat~s',
    'rou~er de coups',
    'tabass~er',
  ],
  severe: [
    'massacr~er',
    'tuerie~s',
    'egorg~er',
    'decapit~er',
    'decapitation~s',
    'tortur~er',
    'tortionnaire~s',
    'genocide~s',
    'bain|bains de sang',
    'tueur|tueurs|tueuse|tueuses en serie',
    'battu|battue|battus|battues|tabasse|tabassee|poignarde|poignardee a mort',
    'trancher|tranche|trancha|tranchee|couper|coupe|coupa|coupee la gorge',
  ],
};
