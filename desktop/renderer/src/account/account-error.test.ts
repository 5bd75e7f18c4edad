import { describe, expect, it } from 'vitest';

import { ContractError } from '../../../api/contract';
import { en } from '../strings';
import { accountErrorWords } from './account-error';

describe('a refused sign-in in words', () => {
  it('keeps the server’s sentence and adds what to do next, by the core’s code', () => {
    const wrong = new ContractError({ code: 'unauthorized', message: 'The email or password is not right.' });
    expect(accountErrorWords(wrong, en.account)).toBe(
      'The email or password is not right. Check the email and password, then try again.',
    );
    const unreachable = new ContractError({
      code: 'invalid-input',
      message: 'The sync server at http://nowhere.invalid/ cannot be reached.',
    });
    expect(accountErrorWords(unreachable, en.account)).toMatch(
      /cannot be reached\. Check the server address/,
    );
  });

  it('says something plain for anything else', () => {
    expect(accountErrorWords(new Error('boom'), en.account)).toBe(
      `${en.errors.unknown} ${en.account.nextStep.other}`,
    );
  });
});
