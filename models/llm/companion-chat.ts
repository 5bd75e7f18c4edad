/**
 * The companion chat: a friendly helper that asks a family, one question at a time, who the
 * story is about, where it happens, what goes wrong and what it teaches, then reads the
 * conversation back as a Fabrique form the drafting step can use. The conversation is kept
 * by the caller and sent whole each turn, so nothing about it lives here between turns.
 */
import { randomInt } from 'node:crypto';

import { z } from 'zod';

import { languageName } from './draft-prompts';
import { DRAFT_INPUT_LIMITS } from './draft-request';
import type { GenerateControl, LocalLlm } from './local-llm';
import { parsePartialJson } from './partial-json';

export const MAX_CHAT_TURNS = DRAFT_INPUT_LIMITS.chatTurns;
export const MAX_MESSAGE_CHARS = DRAFT_INPUT_LIMITS.chatMessage;
const FIELD_MAX_CHARS = 120;

export const chatInputSchema = z.object({
  history: z
    .array(z.object({ role: z.enum(['user', 'model']), text: z.string().max(MAX_MESSAGE_CHARS * 2) }))
    .max(MAX_CHAT_TURNS, `a conversation keeps at most ${MAX_CHAT_TURNS} turns: start a new one`),
  language: z.string().regex(/^[a-z]{2,3}$/),
  ageRange: z.enum(['0-3', '4-6', '7-9', '10-12']),
});

export type ChatInput = z.infer<typeof chatInputSchema>;

/** What the conversation settled, ready for a Fabrique draft (empty where it said nothing). */
export interface StoryForm {
  hero: string;
  place: string;
  object: string;
  theme: string;
  problem: string;
  lesson: string;
}

const FORM_FIELDS = ['hero', 'place', 'object', 'theme', 'problem', 'lesson'] as const;

function system(input: ChatInput): string {
  return [
    `You help a family invent a bedtime story for a child aged ${input.ageRange.replace('-', ' to ')}.`,
    'Ask one short question at a time: who the hero is, where it happens, what object or friend they have, what problem they meet, what the story teaches.',
    'Be warm and brief, suggest ideas when asked, keep everything gentle and safe for a child, and never ask for real names, addresses or schools.',
    `Speak ${languageName(input.language)}.`,
  ].join(' ');
}

export async function companionReply(
  llm: LocalLlm,
  input: ChatInput & { message: string },
  control: GenerateControl = {},
): Promise<string> {
  const message = input.message.trim();
  if (!message) throw new RangeError('say something to the companion first');
  if (message.length > MAX_MESSAGE_CHARS)
    throw new RangeError(`a message is at most ${MAX_MESSAGE_CHARS} characters`);
  const done = await llm.generate(
    {
      system: system(input),
      history: input.history,
      prompt: message,
      schema: null,
      maxTokens: 200,
      seed: randomInt(2 ** 31),
      temperature: 0.7,
    },
    control,
  );
  return done.text.trim();
}

export async function companionForm(
  llm: LocalLlm,
  input: ChatInput,
  control: GenerateControl = {},
): Promise<StoryForm> {
  const properties = Object.fromEntries(
    FORM_FIELDS.map((field) => [field, { type: 'string', maxLength: FIELD_MAX_CHARS }]),
  );
  const done = await llm.generate(
    {
      system: system(input),
      history: input.history,
      prompt:
        'Sum up what we decided for the story as JSON with hero, place, object, theme, problem and lesson; leave a field empty if we did not decide it.',
      schema: { type: 'object', properties, required: [...FORM_FIELDS] },
      maxTokens: 400,
      seed: 0,
      temperature: 0,
    },
    control,
  );
  let answer: unknown;
  try {
    answer = JSON.parse(done.text);
  } catch {
    answer = parsePartialJson(done.text);
  }
  const record = (answer && typeof answer === 'object' ? answer : {}) as Record<string, unknown>;
  return Object.fromEntries(
    FORM_FIELDS.map((field) => [
      field,
      typeof record[field] === 'string' ? (record[field] as string).trim() : '',
    ]),
  ) as unknown as StoryForm;
}
