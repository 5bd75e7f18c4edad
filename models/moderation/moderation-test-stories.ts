/**
 * For tests: short stories written for Talemo's moderation tests (original, MIT like the
 * project). The "trap" stories are ordinary children's stories full of words that a naive
 * filter would flag; the others hold exactly what a parent would want to be told about.
 */

/** A fairy tale for 4-6: the wolf eats grandma, the woodcutter saves her. Nothing to flag. */
export const WOLF_AND_GRANDMA_EN = `Grandma lived in a blue cottage at the end of a dead end lane. One morning the wolf knocked at her door, pretended to be the baker, and ate grandma in one big gulp. Then he put on her nightcap and waited, killing time by counting the flowers on the wallpaper.

When Lily arrived with a basket of apples, she said: "Grandma, what big teeth you have!" The wolf jumped out of bed, but the woodcutter was passing by. He tickled the wolf until it laughed so hard that grandma tumbled out, cross and sticky but perfectly well. The wolf ran off into the forest and was never seen again.`;

/** The same kind of tale in French, with "à tue-tête", "tuer le temps", "bête" and a droguerie. */
export const LOUP_ET_GRAND_MERE_FR = `Mamie Rose habitait au bout d'un chemin, juste après la droguerie du village. Un matin, le loup frappa à sa porte en chantant à tue-tête, et la dévora d'une seule bouchée. Puis il se coucha dans son lit pour tuer le temps.

Quand Lina arriva avec son panier, elle trouva que sa grand-mère avait de bien grandes oreilles. « Ne sois pas bête, c'est pour mieux t'entendre ! » dit le loup. Mais le bûcheron, qui passait par là, le chatouilla si fort que Mamie Rose ressortit d'un bond, toute décoiffée. La bête s'enfuit dans la forêt, et tout le monde fit un grand pique-nique pour fêter ça.`;

/**
 * English words that hide a listed word, or use one harmlessly: Sussex, a sextant, a
 * therapist, grapes, a heroine, Scunthorpe, a class, a killer whale, root beer, a punch line,
 * a water pistol, a bath bomb, a chink of light, "I don't want to die" in a storm at sea.
 */
export const ENGLISH_TRAPS = `Captain Mo sailed from Sussex with a brass sextant, a crate of grapes and a cat called Pickles. Her first mate, a retired therapist from Scunthorpe, told jokes all day, though he always forgot the punch line. The heroine of our story had won first prize in her sailing class.

On the third night a storm rolled in. "I don't want to die out here!" cried the cabin boy, hugging his water pistol. Then Captain Mo saw a chink of light: a lighthouse, and beside it a killer whale who swam ahead to show them the way. In the harbour they drank root beer, dropped a bath bomb in the tub, and were just killing time until breakfast.`;

/**
 * French words that hide a listed word, or use one harmlessly: un violon, un baiser, la
 * Belle et la Bête, en retard, la gueule du loup, un cul-de-sac, un baba au rhum, un
 * pistolet à eau, une bataille de boules de neige, se pendre au cou de quelqu'un, mourir de
 * rire, une meurtrière de château, l'héroïne.
 */
export const FRENCH_TRAPS = `Ce soir-là, Léon était en retard pour le concert : il devait jouer du violon au château, celui dont les meurtrières regardent la mer. Il avait couru jusqu'au bout d'un cul-de-sac, s'était trompé de chemin, et s'était presque jeté dans la gueule du loup, qui heureusement ne mangeait que des baba au rhum.

L'héroïne du spectacle jouait la Belle et la Bête. À la fin, elle reçut un baiser sur la joue et se pendit au cou de sa petite sœur. Dans la cour, les enfants se battaient à coups de boules de neige et visaient les grands avec leurs pistolets à eau. Tout le monde était mort de rire.`;

/** A knight's tale with one finding of each violence severity: a brawl, a killing, a massacre. */
export const KNIGHT_TALE_EN = `The two squires got into a brawl over a loaf of bread. Later that year, Sir Aldo killed the dragon that burned the wheat fields. The old songs say the dragon's army had planned a massacre of the whole valley.`;

/** The same in French: une bagarre, le chevalier tua le dragon, un massacre. */
export const CONTE_DU_CHEVALIER_FR = `Les deux écuyers déclenchèrent une bagarre pour un morceau de pain. Plus tard, le chevalier Aldo tua le dragon qui brûlait les champs de blé. Les vieilles chansons racontent que l'armée du dragon préparait le massacre de toute la vallée.`;

/** What a child may dictate into a story: a full name, an address, a birth date, a school, a phone number. */
export const DICTATED_BY_A_CHILD_FR = `Bonjour, je m'appelle Inès Moreau et j'habite au 14 rue des Coquelicots. Je suis née le 7 juin 2017 et je vais à l'école Louise Michel. Si tu trouves mon doudou, appelle maman au 06 71 42 88 15 !`;

/** The same in English, with an email address. */
export const DICTATED_BY_A_CHILD_EN = `Hello, my name is Oscar Pennington and I live at 27 Willow Street. I was born on 12 May 2016 and I go to Brookfield Primary School. If you find my teddy, email my dad at sam.pennington@example.com or call +44 7700 900123.`;
