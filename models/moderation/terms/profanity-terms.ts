/**
 * Profanity: swear words and crude insults. Written for Talemo, for detection only.
 *
 * How entries match (term-pattern.ts): whole words of the accent- and case-folded text,
 * never inside a word; `stem~rule` takes only the suffixes of its rule (inflection-rules.ts);
 * `a|b` is either word; `[a|b]` may be absent. Safe phrases (safe-phrases.ts) cancel a match.
 *
 * Whole words only, so "Scunthorpe", "class", "assassin", "cocktail" and "Dickens" are
 * never touched. Left out on purpose: "ass" (the donkey of the fables), "bloody" (a bloody
 * nose), "hell" by itself (a place in old tales), "cul" by itself ("cul-de-sac"), "gueule"
 * by itself ("la gueule du loup"), "bâtard" (a mongrel dog, a loaf of bread).
 */
import type { TermList } from '../term-list';

export const PROFANITY_EN: TermList = {
  category: 'profanity',
  language: 'en',
  mild: [
    'damn|damned|dammit|damnit|goddamn|goddamnit',
    'crap|crappy',
    'what the hell',
    'go|goes|went to hell',
    'bloody hell',
    'piss|pissed|pissing',
    'arse~s',
    'jackass|jackasses',
  ],
  moderate: [
    'shit|shits|shitty|shitting|bullshit',
    'bitch|bitches|bitchy',
    'bastard~s',
    'asshole~s',
    'arsehole~s',
    'dickhead~s',
    'wanker~s',
    'twat~s',
    'slut~s',
    'whore~s',
  ],
  severe: ['fuck|fucks|fucked|fucking|fucker|fuckers|motherfucker|motherfuckers|motherfucking', 'cunt~s'],
};

export const PROFANITY_FR: TermList = {
  category: 'profanity',
  language: 'fr',
  mild: [
    'merde~s',
    'merdique~s',
    'bordel~s',
    'chier|chie|chies|chiant|chiante|chiants|chiantes|chieur|chieuse',
    'con|cons|conne|connes|connerie|conneries',
    'ta|votre gueule',
    'emmerd~er',
    'emmerdeur~s',
    'emmerdeuse~s',
    'emmerdant~adj',
  ],
  moderate: [
    'putain~s',
    'pute~s',
    'salope~s',
    'salaud~s',
    'connard~s',
    'connasse~s',
    'enfoire|enfoires|enfoiree|enfoirees',
    'couille~s',
    'trou|trous du cul',
    'niqu~er',
  ],
  severe: ['encule|encules|enculee|enculees|enculer', 'nique|niquer ta|sa|leur|votre mere', 'fils de pute'],
};
