/**
 * Two original stories seeded into a new library so the app is never empty: a linear
 * English one and a branching French one (a choice at the crossroads, like Lunii's
 * interactive albums). Node ids are fixed so the examples are the same everywhere.
 */
import type { OutlineStage } from '../../../device-bridge/pack/story-outline';
import type { StoryMeta } from '../story/story';

export type ExampleStage = Omit<OutlineStage, 'image' | 'audio'>;

export interface ExampleStory {
  meta: StoryMeta;
  palette: {
    top: [number, number, number];
    bottom: [number, number, number];
    moon: [number, number, number];
  };
  stages: ExampleStage[];
}

const common = {
  author: 'Talemo',
  aiGenerated: false,
  aiProvenance: null,
  moderation: 'approved',
  nightMode: false,
} as const;

export const EXAMPLE_STORIES: ExampleStory[] = [
  {
    meta: {
      ...common,
      title: 'Pip and the Lantern Moth',
      summary:
        'A little mouse who is afraid of the dark follows a glowing moth and finds the night is full of friends.',
      language: 'en',
      ageRange: '4-6',
      tags: ['bedtime', 'courage', 'animals'],
      durationSec: 0,
    },
    palette: { top: [18, 24, 64], bottom: [70, 60, 120], moon: [250, 236, 170] },
    stages: [
      {
        id: '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e01',
        kind: 'cover',
        name: 'Pip and the Lantern Moth',
        text: 'Pip and the Lantern Moth.',
        next: ['6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e02'],
      },
      {
        id: '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e02',
        kind: 'story',
        name: 'The burrow',
        text: 'Pip the mouse lived under the roots of an old oak. Every evening, when the sun slid behind the hill, Pip pulled the blanket up to her whiskers. The dark was so big, and Pip was so small.',
        next: ['6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e03'],
      },
      {
        id: '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e03',
        kind: 'story',
        name: 'The moth',
        text: 'One night a tiny light tapped on her door. It was a moth whose wings shone like a lantern. "Come and see," whispered the moth. Pip took one brave step outside, then another.',
        next: ['6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e04'],
      },
      {
        id: '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e04',
        kind: 'story',
        name: 'Night friends',
        text: 'The meadow was humming. Crickets played their fiddles, the owl hooted hello, and the stars blinked like friendly eyes. Pip was not afraid any more. She went home, snuggled into bed, and fell asleep smiling. Good night, Pip.',
        next: [],
      },
    ],
  },
  {
    meta: {
      ...common,
      title: 'Lila et la rivière qui chante',
      summary:
        'Lila la petite renarde entend une chanson au loin. À toi de choisir : suivre le chemin de la forêt ou celui de la rivière ?',
      language: 'fr',
      ageRange: '4-6',
      tags: ['aventure', 'nature', 'choix'],
      durationSec: 0,
    },
    palette: { top: [20, 60, 70], bottom: [40, 120, 90], moon: [255, 214, 140] },
    stages: [
      {
        id: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c01',
        kind: 'cover',
        name: 'Lila et la rivière qui chante',
        text: 'Lila et la rivière qui chante.',
        next: ['3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c02'],
      },
      {
        id: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c02',
        kind: 'story',
        name: 'La chanson',
        text: "Ce matin-là, Lila la petite renarde entendit une chanson très douce. Elle venait de loin, de l'autre côté des collines. Au carrefour, deux chemins s'ouvraient devant elle.",
        next: ['3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c03'],
      },
      {
        id: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c03',
        kind: 'menu.questionstage',
        name: 'Quel chemin ?',
        text: 'Quel chemin Lila doit-elle prendre ? Tourne la molette pour choisir, puis appuie sur le bouton.',
        next: ['3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c04', '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c05'],
      },
      {
        id: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c04',
        kind: 'menu.optionstage',
        name: 'La forêt',
        text: 'Le chemin de la forêt.',
        next: ['3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c06'],
      },
      {
        id: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c05',
        kind: 'menu.optionstage',
        name: 'La rivière',
        text: 'Le chemin de la rivière.',
        next: ['3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c07'],
      },
      {
        id: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c06',
        kind: 'story',
        name: 'Dans la forêt',
        text: "Sous les grands arbres, un écureuil sifflotait la même chanson. « C'est la rivière qui me l'a apprise ! » dit-il. Ensemble, ils chantèrent jusqu'au soir, et Lila rentra chez elle en fredonnant.",
        next: [],
      },
      {
        id: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c07',
        kind: 'story',
        name: 'Au bord de la rivière',
        text: "L'eau glissait sur les galets et chaque galet faisait une note. La rivière chantait ! Lila trempa le bout de sa queue et ajouta sa propre note. Depuis ce jour, la chanson de la rivière a une note de renarde.",
        next: [],
      },
    ],
  },
];
