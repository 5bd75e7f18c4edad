/**
 * Drugs, alcohol and tobacco. Written for Talemo, for detection only.
 *
 * How entries match (term-pattern.ts): whole words of the accent- and case-folded text,
 * never inside a word; `stem~rule` takes only the suffixes of its rule (inflection-rules.ts);
 * `a|b` is either word; `[a|b]` may be absent. Safe phrases (safe-phrases.ts) cancel a match.
 *
 * "drogue" is the verb's forms (`drogu~er`: drogue, drogué, se droguer), which never give
 * "droguerie" (a hardware shop). "heroin" is a whole word, so "heroine" is not it; French
 * "héroïne" is both, and far more often the story's heroine, so it is left out. Left out
 * too: wine (Little Red Riding Hood carries some to her grandmother), "weed" and "joint" by
 * themselves (the garden, the knee), "drunk" by itself (she had drunk her milk), "coke" and
 * "crack" (a soda; "un crack" is an ace), "stoned".
 */
import type { TermList } from '../term-list';

export const DRUGS_ALCOHOL_EN: TermList = {
  category: 'drugs-alcohol',
  language: 'en',
  mild: [
    'beer~s',
    'vodka',
    'whisky|whiskey',
    'rum',
    'tequila',
    'booze',
    'alcohol|alcoholic|alcoholics|alcoholism',
    'drunken',
    'drunkard~s',
    'got|get|gets|getting|dead drunk',
    'was|were|is|are|am [so|very|completely] drunk',
    'hangover~s',
    'tipsy',
  ],
  moderate: [
    'cigarette~s',
    'cigar~s',
    'vape~s',
    'vaping',
    'cannabis',
    'marijuana',
    'smok~ve weed|pot|joint|joints',
    'smok~ve a joint',
    'drug dealer|dealers',
    'take|takes|took|taking|do|does|did|doing drugs',
    'on drugs',
  ],
  severe: [
    'cocaine',
    'heroin',
    'meth|methamphetamine',
    'overdose|overdoses|overdosed|overdosing',
    'lsd',
    'mdma',
    'fentanyl',
    'ketamine',
    'snort|snorts|snorted|snorting coke|cocaine|a line|lines',
  ],
};

export const DRUGS_ALCOHOL_FR: TermList = {
  category: 'drugs-alcohol',
  language: 'fr',
  mild: [
    'biere~s',
    'vodka',
    'whisky',
    'rhum',
    'tequila',
    'alcool~s',
    'alcoolique~s',
    'alcoolisme',
    'ivre~s',
    'ivrogne~s',
    'saoul|saoule|saouls|saoules|soul|soule|souls|soules',
    'gueule de bois',
    'pompette~s',
  ],
  moderate: [
    'cigarette~s',
    'clope~s',
    'cigare~s',
    'cannabis',
    'marijuana',
    'haschich|haschisch|hachisch|hasch',
    'beuh',
    'fum~er un|des|le|son|ses|leur joint|joints',
    'drogu~er',
    'dealer~s',
    'dealeur~s',
  ],
  severe: [
    'cocaine',
    'heroinomane~s',
    'meth|methamphetamine',
    'overdose~s',
    'lsd',
    'mdma',
    'ecstasy',
    'fentanyl',
    'ketamine',
  ],
};
