import { describe, expect, it } from 'vitest';

import { en } from '../../strings';
import { fr } from '../../strings-fr';
import {
  yotoJobLine,
  yotoPollMs,
  yotoSendPhase,
  type YotoJobEntry,
  type YotoStatusPayload,
} from './yoto-job-line';

const words = en.yoto;

function job(changes: Partial<YotoJobEntry>): YotoJobEntry {
  return {
    id: 'k1-0a0b0c0d',
    title: 'Pip',
    state: 'waiting',
    filesDone: 0,
    filesTotal: 4,
    message: 'Waiting its turn to go to Yoto.',
    needsSignIn: false,
    ...changes,
  };
}

describe('yotoJobLine', () => {
  it('says a waiting job waits for the sign-in until the parent is signed in', () => {
    expect(yotoJobLine(job({}), 'signed-out', words).state).toBe('Waiting for a Yoto sign-in');
    expect(yotoJobLine(job({}), 'unavailable', words).state).toBe('Waiting for a Yoto sign-in');
    expect(yotoJobLine(job({}), 'signed-in', words).state).toBe('Waiting');
  });

  it('says a job waits for the internet when Yoto could not be reached, in the UI’s words', () => {
    const message =
      'Cannot reach Yoto (api.yotoplay.com: ECONNREFUSED). Check the internet connection; Talemo will try again.';
    const line = yotoJobLine(job({ message, reason: 'offline' }), 'signed-in', words);
    expect(line.state).toBe('Waiting for the internet');
    expect(line.detail).toBe(words.reason.offline());
    const french = yotoJobLine(job({ message, reason: 'offline' }), 'signed-in', fr.yoto);
    expect(french.detail).toMatch(/^Talemo n’arrive pas à joindre Yoto/);
  });

  it('shows bytes while the audio goes up, files otherwise', () => {
    expect(
      yotoJobLine(job({ state: 'uploading', bytesSent: 300, bytesTotal: 1000 }), 'signed-in', words).progress,
    ).toEqual({
      done: 300,
      total: 1000,
    });
    expect(yotoJobLine(job({ state: 'uploading' }), 'signed-in', words).progress).toEqual({
      done: 0,
      total: 4,
    });
    expect(yotoJobLine(job({ state: 'transcoding', filesDone: 2 }), 'signed-in', words).progress).toEqual({
      done: 2,
      total: 4,
    });
  });

  it('gives a done job its playlist id and a failed one its reason and a retry', () => {
    const done = yotoJobLine(job({ state: 'done', cardId: 'abc12' }), 'signed-in', words);
    expect(done).toMatchObject({
      state: '✓ In your Yoto account',
      cardId: 'abc12',
      canRetry: false,
    });
    const failed = yotoJobLine(
      job({ state: 'failed', message: 'Sign in to Yoto again.', reason: 'sign-in' }),
      'signed-out',
      words,
    );
    expect(failed).toMatchObject({
      state: 'Failed',
      detail: 'The Yoto sign-in has expired: sign in to Yoto again, then press Retry.',
      canRetry: true,
      cardId: null,
    });
    // Yoto's own words are kept when it refused; a reason with no words keeps the core's sentence.
    const refused = job({ state: 'failed', message: 'title too long', reason: 'rejected' });
    expect(yotoJobLine(refused, 'signed-in', words).detail).toBe(
      'Yoto refused this playlist (title too long).',
    );
    const unknown = job({ state: 'failed', message: 'as the core said', reason: 'something-new' });
    expect(yotoJobLine(unknown, 'signed-in', words).detail).toBe('as the core said');
  });
});

describe('yotoSendPhase and yotoPollMs', () => {
  it('words the pack phases and keeps an unknown one as it came', () => {
    expect(yotoSendPhase(null, words)).toBe('Getting ready…');
    expect(yotoSendPhase('encoding chapters', words)).toBe('Making the chapters’ MP3s');
    expect(yotoSendPhase('something new', words)).toBe('something new');
  });

  it('reads often while something moves and rarely when all is still', () => {
    const still: YotoStatusPayload = {
      signIn: 'signed-in',
      sending: false,
      retryAt: null,
      problem: null,
      jobs: [],
    };
    expect(yotoPollMs({ ...still, sending: true })).toBeLessThan(yotoPollMs(still));
    expect(yotoPollMs({ ...still, signIn: 'signing-in' })).toBeLessThan(yotoPollMs(still));
  });
});
