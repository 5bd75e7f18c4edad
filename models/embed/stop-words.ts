/**
 * French and English function words, already accent- and case-folded (see text-folding.ts),
 * that the hashed embedder leaves out of its features: they occur in every story, so they
 * would make any two texts of one language look alike. Includes the pieces that apostrophes
 * leave behind ("l", "qu", "don", "ll"). Generic lists, not tuned on the development set.
 * Folding merges a few content words into them ("été", summer, folds to "ete", been).
 */

const ENGLISH = `
a about above after again against ago all also am an and any are aren as at be because been before being
below between both but by can cannot could couldn did didn do does doesn doing don done down during each
either else ever every few for from further get gets got had hadn has hasn have haven having he her here
hers herself him himself his how however i if in into is isn it its itself just let ll me might mine more
most much must mustn my myself neither no nor not now of off often on once one only onto or other others
ought our ours ourselves out over own quite rather re same shall shan she should shouldn since so some
such than that the their theirs them themselves then there these they this those though through thus to
too under until up upon us ve very was wasn we were weren what whatever when whenever where whether which
while who whom whose why will with within without won would wouldn yet you your yours yourself yourselves
`;

const FRENCH = `
a ai aie aient aies ainsi ait alors as au aucun aucune aupres auquel aura aurai auraient aurais aurait
auras aurez auriez aurions aurons auront aussi autre autres aux auxquelles auxquels avaient avais avait
avant avec avez aviez avions avoir avons ayant ayez ayons c ca car ce ceci cela celle celles celui cependant
ces cet cette ceux chez ci comme comment d dans de des desquelles desquels deux donc dont du duquel elle
elles en encore entre es est et etaient etais etait etant ete etee etees etes etiez etions etre eu eue eues
eurent eus eusse eussent eusses eussiez eussions eut eutes eux fut fumes furent fus fusse fussent fusses
fussiez fussions futes ici il ils j je jusqu jusque l la laquelle le lequel les lesquelles lesquels leur
leurs lors lorsqu lorsque lui m ma mais me meme memes mes moi moins mon n ne ni nos notre notres nous on
ont or ou par parce pas peu peut plus pour pourquoi pu puis qu quand que quel quelle quelles quels qui
quoi s sa sans se sera serai seraient serais serait seras serez seriez serions serons seront ses si soi
soient sois soit sommes son sont sous soyez soyons suis sur t ta te tes toi ton tous tout toute toutes
tres tu un une unes uns vers voici voila vos votre votres vous y
`;

function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word.length > 0);
}

/** Every stop word of both languages, folded. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...words(ENGLISH), ...words(FRENCH)]);
