/**
 * The Fabrique's picks: words French and English spell alike (dragon, jungle, piano, courage…),
 * so the picks read right whichever language the UI or the story is in. Both strings files
 * share this list.
 */
export const FABRIQUE_CHOICES = {
  hero: [
    { emoji: '🐉', word: 'dragon' },
    { emoji: '🤖', word: 'robot' },
    { emoji: '🏴‍☠️', word: 'pirate' },
    { emoji: '🐼', word: 'panda' },
    { emoji: '🦁', word: 'lion' },
    { emoji: '🐨', word: 'koala' },
  ],
  place: [
    { emoji: '🌴', word: 'jungle' },
    { emoji: '🏡', word: 'village' },
    { emoji: '🧊', word: 'igloo' },
    { emoji: '🦒', word: 'zoo' },
    { emoji: '🚂', word: 'train' },
    { emoji: '🪐', word: 'Mars' },
  ],
  object: [
    { emoji: '🐹', word: 'hamster' },
    { emoji: '🎹', word: 'piano' },
    { emoji: '🪃', word: 'boomerang' },
    { emoji: '🪂', word: 'parachute' },
    { emoji: '📻', word: 'radio' },
    { emoji: '🪀', word: 'yo-yo' },
  ],
  theme: [
    { emoji: '💪', word: 'courage' },
    { emoji: '🐢', word: 'patience' },
    { emoji: '💭', word: 'imagination' },
    { emoji: '🤝', word: 'respect' },
    { emoji: '🎁', word: 'surprise' },
    { emoji: '😄', word: 'humour' },
  ],
};
