import { describe, expect, it } from 'vitest';

import { en } from '../strings';
import { fr } from '../strings-fr';
import { formatSyncTime, syncStatusWords, type SyncStatus } from './sync-status-words';

const at = '2026-05-03T09:41:00.000Z';
const status = (patch: Partial<SyncStatus>): SyncStatus => ({
  state: 'idle',
  queued: 0,
  lastSyncedAt: at,
  message: null,
  ...patch,
});
const time = (iso: string): string => `<${iso}>`;

describe('the sync status in words', () => {
  it('says up to date with the last sync time, and nothing waiting', () => {
    const words = syncStatusWords(status({}), en.account, time);
    expect(words).toEqual({
      headline: 'Everything is up to date.',
      details: [`Last synced at <${at}>.`],
      hint: null,
      tone: 'ok',
    });
  });

  it('counts the changes still waiting, in each language’s plural', () => {
    expect(syncStatusWords(status({ queued: 1 }), en.account, time).details).toContain(
      '1 change waiting to be sent.',
    );
    expect(syncStatusWords(status({ queued: 3 }), en.account, time).details).toContain(
      '3 changes waiting to be sent.',
    );
    expect(syncStatusWords(status({ queued: 1 }), fr.account, time).details).toContain(
      '1\u00a0changement en attente d’envoi.',
    );
  });

  it('promises to send later while offline, and says when it never synced', () => {
    const words = syncStatusWords(
      status({ state: 'offline', queued: 2, lastSyncedAt: null }),
      en.account,
      time,
    );
    expect(words.headline).toBe('Offline: your changes will be sent when the server is back.');
    expect(words.details).toEqual(['Not synced yet.', '2 changes waiting to be sent.']);
    expect(words.tone).toBe('warn');
  });

  it('gives the core’s message and what to do next when sync stopped', () => {
    const words = syncStatusWords(
      status({ state: 'error', message: 'The server refused the change' }),
      en.account,
      time,
    );
    expect(words.headline).toBe('Sync stopped: The server refused the change');
    expect(words.hint).toMatch(/Sync now/);
    expect(words.tone).toBe('error');
  });

  it('passes on why it signed out (an expired sign-in), or says signed out', () => {
    const expired = 'Your sign-in expired: sign in again to keep syncing';
    expect(
      syncStatusWords(status({ state: 'signed-out', message: expired }), en.account, time).headline,
    ).toBe(expired);
    expect(syncStatusWords(status({ state: 'signed-out' }), fr.account, time).headline).toBe(
      'Vous êtes déconnecté.',
    );
  });

  it('writes the time in the UI’s language, and leaves a broken time as it came', () => {
    expect(formatSyncTime(at, 'en')).toMatch(/2026/);
    expect(formatSyncTime(at, 'fr')).toMatch(/mai 2026/);
    expect(formatSyncTime('not a time', 'en')).toBe('not a time');
  });
});
