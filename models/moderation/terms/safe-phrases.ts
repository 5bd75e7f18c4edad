/**
 * Everyday phrases in which a listed word is harmless. A finding that shares any word with
 * one of these, found in the text, is dropped: "kill time" cancels "kill", "je veux mourir
 * de rire" is laughter, not despair. Written for Talemo.
 *
 * How entries match: as the term lists (term-pattern.ts), on whole folded words.
 */
import type { SafePhraseList } from '../term-list';

export const SAFE_PHRASES_EN: SafePhraseList = {
  language: 'en',
  phrases: [
    'kill|kills|killed|killing time',
    'kill|kills|killed|killing the engine|lights|light|motor|power',
    'killer whale|whales',
    'dressed to kill',
    'kill two birds',
    'fruit|rum punch',
    'punch line|lines|bowl|bowls|card|cards',
    'hole punch|punches',
    'punch drunk',
    'water|glue|nail|starting|toy gun|guns|pistol|pistols',
    'bath|water|seed|glitter bomb|bombs',
    'bullet point|points|train|trains|journal|journals',
    'oilseed rape',
    'chink|chinks of light',
    'chink|chinks in [his|her|its|their|the|my|your] armour|armor',
    'don|didn|doesn t want to die',
    'do|did|does not want to die',
    'root|ginger beer|beers',
    'rubbing alcohol',
    'scared|bored|worried|tickled to death',
  ],
};

export const SAFE_PHRASES_FR: SafePhraseList = {
  language: 'fr',
  phrases: [
    'tu~er le temps',
    'pique|piques nique|niques',
    'battre|bat|bats|battent|battait|battaient|battu|battus|battirent|battit|battant a coups de boule|boules|oreiller|oreillers|polochon|polochons',
    'a tue tete',
    'tu~er a la tache',
    'se|s tu~er au travail',
    'tu~er a te|vous le dire|repeter',
    'mourir|mort|morte|morts|mortes|meurs|meurt|mourait|mourais de rire',
    'etrangl~er de rire|joie|colere|emotion',
    'pistolet|pistolets|fusil|fusils|bombe|bombes a eau',
    'bombe|bombes de chantilly|creme|peinture',
    'petit|petits|petite|petites demon|demons',
    'viol|viols|violer|viole|violes|violee|violees|violait|violaient|viola la|les|le|un|une|leur|sa|son|ses loi|lois|regle|regles|reglement|secret|promesse|frontiere|frontieres|consigne|consignes|traite',
    'viole|violes de gambe',
    'pendre|pend|pends|pendent|pendu|pendue|pendus|pendues|pendait|pendaient|pendit au cou',
    'pendre|pend|pends|pendent|pendu|pendue|pendus|pendues|pendait|pendaient|pendit a son|ton|mon|sa|leur|notre|votre cou',
    'ivre|ivres de joie|bonheur|colere|rage|fatigue',
    'tout son|leur|mon|ton saoul|soul',
    'baba|babas au rhum',
    'alcool a 70|90',
  ],
};
