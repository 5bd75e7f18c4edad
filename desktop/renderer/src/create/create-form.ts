/**
 * What the Create page asks for, as the parent fills it in, and the draft request it makes:
 * a free prompt ("Describe it") or the Fabrique's four picks, with the options both share.
 */
import { DRAFT_INPUT_LIMITS, type MethodInput, type MethodOutput } from '../../../api/contract';
import type { AgeRange } from '../story-types';

export type DraftRequest = MethodInput<'drafts.generate'>;
export type DraftOutcome = MethodOutput<'drafts.generate'>;
export type StoryDraft = Extract<DraftOutcome['draft'], { kind: 'story' }>;
export type ChatForm = MethodOutput<'chat.form'>;

type PromptRequest = Extract<DraftRequest, { mode: 'prompt' }>;
export type DraftLength = NonNullable<PromptRequest['length']>;
export type ChoicePoints = NonNullable<PromptRequest['choicePoints']>;

export type CreateTab = 'prompt' | 'fabrique' | 'chat';
export const CREATE_TABS: readonly CreateTab[] = ['prompt', 'fabrique', 'chat'];

export type PickName = 'hero' | 'place' | 'object' | 'theme';
export const PICK_NAMES: readonly PickName[] = ['hero', 'place', 'object', 'theme'];

export const DRAFT_LANGUAGES = ['fr', 'en'] as const;
export const DRAFT_LENGTHS: readonly DraftLength[] = ['short', 'medium', 'long'];
export const CHOICE_POINTS: readonly ChoicePoints[] = [0, 1, 2];

/** The contract's limits, held by the fields themselves. */
export const LIMITS = DRAFT_INPUT_LIMITS;

/** A Fabrique pick: one of the cards, or the parent's own words under "Other…". */
export interface Pick {
  card: string | null;
  other: string;
}

export interface CreateForm {
  prompt: string;
  picks: Record<PickName, Pick>;
  problem: string;
  lesson: string;
  language: string;
  ageRange: AgeRange;
  length: DraftLength;
  choicePoints: ChoicePoints;
  tone: string;
}

const NO_PICK: Pick = { card: null, other: '' };

export const EMPTY_FORM: CreateForm = {
  prompt: '',
  picks: { hero: NO_PICK, place: NO_PICK, object: NO_PICK, theme: NO_PICK },
  problem: '',
  lesson: '',
  language: 'en',
  ageRange: '4-6',
  length: 'short',
  choicePoints: 0,
  tone: '',
};

export function pickValue(pick: Pick): string {
  return (pick.card ?? pick.other).trim();
}

/** The request "Write it" sends from this tab, or null while something it needs is missing. */
export function draftRequest(form: CreateForm, tab: CreateTab): DraftRequest | null {
  const tone = form.tone.trim();
  const common = {
    language: form.language,
    ageRange: form.ageRange,
    length: form.length,
    choicePoints: form.choicePoints,
    ...(tone ? { tone } : {}),
  };
  if (tab === 'prompt') {
    const prompt = form.prompt.trim();
    return prompt ? { mode: 'prompt', prompt, ...common } : null;
  }
  if (tab !== 'fabrique') return null;
  const [hero, place, object, theme] = PICK_NAMES.map((name) => pickValue(form.picks[name]));
  if (!hero || !place || !object || !theme) return null;
  const problem = form.problem.trim();
  const lesson = form.lesson.trim();
  return {
    mode: 'fabrique',
    hero,
    place,
    object,
    theme,
    ...(problem ? { problem } : {}),
    ...(lesson ? { lesson } : {}),
    ...common,
  };
}

/** The form with what the companion chat settled, as the parent's own words in the Fabrique. */
export function formFromChat(form: CreateForm, chat: ChatForm): CreateForm {
  const own = (text: string, max: number): string => text.trim().slice(0, max);
  const pick = (text: string): Pick => ({ card: null, other: own(text, LIMITS.pick) });
  return {
    ...form,
    picks: {
      hero: pick(chat.hero),
      place: pick(chat.place),
      object: pick(chat.object),
      theme: pick(chat.theme),
    },
    problem: own(chat.problem, LIMITS.problem),
    lesson: own(chat.lesson, LIMITS.problem),
  };
}
