/** A refused sign-in or sign-up in words: the core's (the server's own sentence) and what to do next. */
import { errorCode, errorMessage } from '../error-message';
import type { Strings } from '../strings';

export function accountErrorWords(error: unknown, words: Strings['account']): string {
  const code = errorCode(error);
  const next =
    code === 'unauthorized'
      ? words.nextStep.unauthorized
      : code === 'invalid-input'
        ? words.nextStep.invalidInput
        : words.nextStep.other;
  return `${errorMessage(error)} ${next}`;
}
