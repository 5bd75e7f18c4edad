/** Turns whatever a call threw into words a parent can read, in the UI's language, with what to do next. */
import { ContractError } from '../../api/contract';
import { errorFacts } from './error-facts';
import { strings, type Strings } from './strings';

type ByCode = Strings['errors']['byCode'];

/**
 * Codes whose cause varies (which file, which story, which field, the cloud server's refusal): the
 * core's English sentence names it and our words cannot, as `details` does not carry the name. An
 * English UI shows that sentence; a French one shows our words (the kind of problem, what to do).
 */
const CORE_NAMES_THE_CAUSE: ReadonlySet<string> = new Set([
  'invalid-input',
  'not-found',
  'bad-audio',
  'too-large',
  'unsupported-device',
  'unauthorized',
]);

export function errorMessage(error: unknown, words: Strings = strings): string {
  if (!(error instanceof ContractError)) return words.errors.unknown;
  if (error.code === 'transport') return `${error.message} ${words.transportHint}`;
  const said = wordsFor(error.code, words.errors.byCode);
  if (!said) return error.message || words.errors.unknown;
  if (words.locale === 'en' && CORE_NAMES_THE_CAUSE.has(error.code) && error.message) return error.message;
  return said(errorFacts(error.details));
}

function wordsFor(code: string, byCode: ByCode): ByCode[keyof ByCode] | null {
  return Object.hasOwn(byCode, code) ? byCode[code as keyof ByCode] : null;
}

export function isConflict(error: unknown): boolean {
  return error instanceof ContractError && error.code === 'conflict';
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ContractError && error.code === 'not-found';
}

export function isCancelled(error: unknown): boolean {
  return error instanceof ContractError && error.code === 'cancelled';
}

/** The core's code for a failure ('no-model', 'moderation-flagged', …), or null for anything else. */
export function errorCode(error: unknown): string | null {
  return error instanceof ContractError ? error.code : null;
}
