import { describe, expect, it } from 'vitest';

import { ContractError } from '../../api/contract';
// eslint-disable-next-line no-restricted-imports -- a type only, in a test: the codes must come from the core's own list
import type { TalemoErrorCode } from '../../core/errors';
import { errorMessage } from './error-message';
import { en } from './strings';
import { fr } from './strings-fr';

/**
 * Every code the core can raise. A Record, so a code added to TalemoErrorCode and missing here
 * fails the compile; and each one must have words in both languages (checked below).
 */
const EVERY_CODE: Record<TalemoErrorCode, true> = {
  'not-found': true,
  conflict: true,
  'invalid-input': true,
  'invalid-pack': true,
  'too-large': true,
  cancelled: true,
  'download-failed': true,
  'no-model': true,
  'model-unusable': true,
  'moderation-flagged': true,
  'consent-required': true,
  'bad-audio': true,
  'no-voice': true,
  unauthorized: true,
  'unsupported-device': true,
  'no-space': true,
  'read-only': true,
  unplugged: true,
  'verify-failed': true,
  internal: true,
};
const CODES = Object.keys(EVERY_CODE) as TalemoErrorCode[];

// The compiler's half: the words have exactly the core's codes, no fewer and no more.
type Missing = Exclude<TalemoErrorCode, keyof typeof en.errors.byCode>;
type Extra = Exclude<keyof typeof en.errors.byCode, TalemoErrorCode>;
const complete: [Missing, Extra] extends [never, never] ? true : false = true;

const CORE_SENTENCE = 'The core says this in English.';
const failure = (code: string, details?: Record<string, unknown>): ContractError =>
  new ContractError(details ? { code, message: CORE_SENTENCE, details } : { code, message: CORE_SENTENCE });

describe('error messages', () => {
  it('have words for every core code in French, with what to do next and French typography', () => {
    expect(complete).toBe(true);
    for (const code of CODES) {
      const said = errorMessage(failure(code), fr);
      expect(said, code).not.toBe(CORE_SENTENCE);
      expect(said, code).not.toBe(fr.errors.unknown);
      expect(said, code).not.toMatch(/undefined|NaN|\[object/);
      // What to do comes after the colon (or is the whole sentence, for consent).
      expect(said, code).toMatch(code === 'consent-required' ? /doit/ : /\u00a0: \S/);
      expect(said, `${code}: French spacing`).not.toMatch(/ [:?!;»]|« |\w[:?!;»]|«\w|\w'\w/);
    }
  });

  it('have words for every core code in English, shown unless the core’s sentence names the cause', () => {
    const namesTheCause = new Set([
      'invalid-input',
      'not-found',
      'bad-audio',
      'too-large',
      'unsupported-device',
      'unauthorized',
    ]);
    for (const code of CODES) {
      const said = errorMessage(failure(code), en);
      if (namesTheCause.has(code)) expect(said, code).toBe(CORE_SENTENCE);
      else expect(said, code).toBe((en.errors.byCode[code] as (facts: object) => string)({}));
      // A whole sentence that tells what to do: a colon before the next step, or a parent's task.
      expect((en.errors.byCode[code] as (facts: object) => string)({}), code).toMatch(/(: \S.*|must .*)\.$/);
    }
  });

  it('say the box-side cases as the issue asks', () => {
    expect(errorMessage(failure('no-space'), en)).toBe(
      'The box is full: remove a pack or choose fewer stories.',
    );
    expect(errorMessage(failure('unplugged'), en)).toBe(
      'The box was unplugged: plug it back in; Talemo will finish or undo the copy.',
    );
    expect(errorMessage(failure('no-space'), fr)).toBe(
      'La boîte est pleine\u00a0: retirez un pack ou choisissez moins d’histoires.',
    );
  });

  it('use the numbers and reasons the details carry, and ignore details of the wrong type', () => {
    expect(errorMessage(failure('conflict', { currentVersion: 7 }), en)).toContain('(now version 7)');
    expect(errorMessage(failure('conflict', { currentVersion: 7 }), fr)).toContain('(version 7 maintenant)');
    expect(errorMessage(failure('conflict', { currentVersion: 'seven' }), en)).not.toMatch(/version|seven/);
    expect(errorMessage(failure('conflict', { reason: 'already-installed' }), en)).toBe(
      'This story is already on the box: there is nothing more to do.',
    );
    expect(errorMessage(failure('moderation-flagged', { findings: 1 }), en)).toContain(
      'found 1 passage to review',
    );
    expect(errorMessage(failure('moderation-flagged', { findings: 3 }), fr)).toContain(
      'relevé 3\u00a0passages à relire',
    );
    expect(errorMessage(failure('no-voice', { voices: ['a', 'b'] }), en)).toContain('2 voices are ready');
    expect(errorMessage(failure('invalid-pack', { reason: 'not-a-zip' }), fr)).toBe(
      'Ce fichier n’est pas un pack STUdio\u00a0: choisissez le fichier .zip du pack.',
    );
    expect(errorMessage(failure('unauthorized', { status: 429 }), fr)).toMatch(/^Trop d’essais/);
    expect(errorMessage(failure('invalid-input', { status: 409 }), fr)).toBe(
      'Le cloud Talemo a refusé (erreur 409).',
    );
  });

  it('keep the core’s sentence for a code with no words, the transport hint, and a plain fallback', () => {
    expect(errorMessage(failure('some-new-code'), fr)).toBe(CORE_SENTENCE);
    expect(
      errorMessage(new ContractError({ code: 'transport', message: 'The app answered HTTP 502.' }), en),
    ).toBe(`The app answered HTTP 502. ${en.transportHint}`);
    expect(errorMessage(new Error('boom'), fr)).toBe(fr.errors.unknown);
    expect(errorMessage(new ContractError({ code: 'some-new-code', message: '' }), en)).toBe(
      en.errors.unknown,
    );
  });
});
