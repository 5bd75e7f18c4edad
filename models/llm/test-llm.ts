/** For tests and benches: the tiny GGUF beside the repository (random weights, real llama.cpp path). */
import { sharedModel } from '../shared-models';

const tiny = sharedModel('llm/llama-2-tiny-random.gguf');

export const TEST_GGUF = tiny.path;
export const HAS_TEST_GGUF = tiny.present;

/** The request the "done means" of drafting names: a branching French Fabrique story for 4-6. */
export const TEST_FABRIQUE_REQUEST = {
  mode: 'fabrique',
  hero: 'un escargot courageux',
  place: 'un jardin',
  object: 'une lanterne',
  theme: "l'amitié",
  language: 'fr',
  ageRange: '4-6',
  choicePoints: 1,
} as const;
