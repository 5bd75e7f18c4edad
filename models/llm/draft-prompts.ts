/**
 * The words sent to the drafting model. Instructions are in English (small instruct models
 * follow English instructions best) and ask for the story in the child's language. Bumping
 * PROMPT_VERSION marks drafts made with other words (it is recorded on every AI story).
 */
import type { CheckedDraftRequest } from './draft-request';
import { chaptersSchema, pageSchema, storySchema, type JsonSchema } from './draft-schemas';

export const PROMPT_VERSION = 'draft-v1';

const LANGUAGE_NAMES: Record<string, string> = {
  fr: 'French',
  en: 'English',
  de: 'German',
  es: 'Spanish',
  it: 'Italian',
  nl: 'Dutch',
  pt: 'Portuguese',
};

const AGE_STYLE: Record<CheckedDraftRequest['ageRange'], string> = {
  '0-3': 'for a toddler aged 0 to 3: very short sentences, repetition, sounds, gentle and cosy, no conflict',
  '4-6': 'for a child aged 4 to 6: short sentences, simple words, a small problem solved with kindness',
  '7-9': 'for a child aged 7 to 9: a real adventure with a little suspense, clear sentences',
  '10-12': 'for a child aged 10 to 12: a richer plot and vocabulary, still safe for a child',
};

export interface DraftPrompt {
  system: string;
  user: string;
  schema: JsonSchema;
  /** Generation stops here at the latest (a bounded shape closes well before). */
  maxTokens: number;
}

export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}

function systemPrompt(request: { language: string; ageRange: CheckedDraftRequest['ageRange'] }): string {
  return [
    "You write stories for children's audio boxes, read aloud to the child.",
    `Write ${AGE_STYLE[request.ageRange]}.`,
    `Write every word of the story in ${languageName(request.language)}.`,
    'Never include violence, cruelty, real fear, adult themes, brands, or real people; never include personal data such as full names, addresses, phone numbers or schools.',
    'Answer with the JSON object asked for and nothing else.',
  ].join(' ');
}

export function draftPrompt(request: CheckedDraftRequest): DraftPrompt {
  const system = systemPrompt(request);
  switch (request.mode) {
    case 'prompt':
    case 'fabrique': {
      const about =
        request.mode === 'prompt'
          ? `The story is about: ${request.prompt}`
          : `The hero is ${request.hero}. It happens in ${request.place}. The hero has ${request.object} with them. The theme is ${request.theme}.` +
            (request.problem ? ` The problem: ${request.problem}.` : '') +
            (request.lesson ? ` The story teaches: ${request.lesson}.` : '');
      const shape =
        request.choicePoints === 0
          ? 'Give a title, a one-sentence summary and the pages of the story in order; the last page ends the story.'
          : `Give a title, a one-sentence summary, the first pages, then a choice: a question for the child and two or three options, each with a short label and the pages that follow it${request.choicePoints === 2 ? ', and then one more choice inside each option' : ''}; every path ends the story well.`;
      const tone = request.tone ? ` The tone is ${request.tone}.` : '';
      const schema = storySchema(request.length, request.choicePoints);
      return { system, user: `${about}${tone} Length: ${request.length}. ${shape}`, schema, maxTokens: 3000 };
    }
    case 'chapters': {
      const notes = request.notes.map((note, i) => `${i + 1}. ${note}`).join('\n');
      const max = Math.min(12, request.notes.length * 2);
      return {
        system,
        user: `Turn these notes into a story told in ordered chapters (a title, a one-sentence summary, then each chapter with a title and its text). Keep what the notes say; put them in the order a child can follow.\nNotes:\n${notes}`,
        schema: chaptersSchema(max),
        maxTokens: 3000,
      };
    }
    case 'page': {
      const instruction = request.instruction ? ` ${request.instruction}` : '';
      const task =
        request.action === 'continue'
          ? `Write the page that comes right after this one, continuing the story.${instruction}`
          : `Rewrite this page, keeping what happens.${instruction}`;
      return {
        system,
        user: `Story: ${request.storyTitle}\nThe story so far:\n${request.before}\nThe page:\n${request.page}\n${task} Answer with {"text": …}.`,
        schema: pageSchema(),
        maxTokens: 800,
      };
    }
  }
}
