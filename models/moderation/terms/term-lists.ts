/** Every curated list, by language. The order of categories is the order findings are reported in on a tie. */
import type { ListLanguage } from '../language-guess';
import type { SafePhraseList, TermList } from '../term-list';
import { DRUGS_ALCOHOL_EN, DRUGS_ALCOHOL_FR } from './drugs-alcohol-terms';
import { HATE_EN, HATE_FR } from './hate-terms';
import { PROFANITY_EN, PROFANITY_FR } from './profanity-terms';
import { SAFE_PHRASES_EN, SAFE_PHRASES_FR } from './safe-phrases';
import { SCARY_EN, SCARY_FR } from './scary-terms';
import { SELF_HARM_EN, SELF_HARM_FR } from './self-harm-terms';
import { SEXUAL_EN, SEXUAL_FR } from './sexual-terms';
import { VIOLENCE_EN, VIOLENCE_FR } from './violence-terms';

export const TERM_LISTS: Readonly<Record<ListLanguage, readonly TermList[]>> = {
  en: [SELF_HARM_EN, SEXUAL_EN, HATE_EN, VIOLENCE_EN, DRUGS_ALCOHOL_EN, SCARY_EN, PROFANITY_EN],
  fr: [SELF_HARM_FR, SEXUAL_FR, HATE_FR, VIOLENCE_FR, DRUGS_ALCOHOL_FR, SCARY_FR, PROFANITY_FR],
};

export const SAFE_PHRASE_LISTS: Readonly<Record<ListLanguage, SafePhraseList>> = {
  en: SAFE_PHRASES_EN,
  fr: SAFE_PHRASES_FR,
};
