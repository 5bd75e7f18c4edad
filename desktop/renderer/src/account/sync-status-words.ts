/**
 * The sync status in a parent's words: where it stands (syncing, up to date, offline, stopped),
 * when it last finished, and how many changes still wait here. Kept apart from the page so both
 * languages can be checked without a browser.
 */
import type { MethodOutput } from '../../../api/contract';
import type { Strings } from '../strings';

export type SyncStatus = MethodOutput<'sync.status'>;

export interface StatusWords {
  /** The main line, read out when it changes. */
  headline: string;
  /** Last sync time and waiting changes, when there is something to say. */
  details: string[];
  /** What to do next, for a stopped sync. */
  hint: string | null;
  tone: 'ok' | 'busy' | 'warn' | 'error';
}

export function syncStatusWords(
  status: SyncStatus,
  words: Strings['account'],
  formatTime: (iso: string) => string,
): StatusWords {
  const details: string[] = [];
  details.push(status.lastSyncedAt ? words.syncedAt(formatTime(status.lastSyncedAt)) : words.neverSynced);
  if (status.queued > 0) details.push(words.queued(status.queued));
  switch (status.state) {
    case 'syncing':
      return { headline: words.syncing, details, hint: null, tone: 'busy' };
    case 'offline':
      return { headline: words.offline, details, hint: null, tone: 'warn' };
    case 'error':
      return {
        headline: words.error(status.message ?? ''),
        details,
        hint: words.errorHint,
        tone: 'error',
      };
    case 'signed-out':
      // Why the message: after an expired sign-in the core says so here, and the parent must sign in again.
      return { headline: status.message ?? words.signedOutNow, details: [], hint: null, tone: 'warn' };
    default:
      return { headline: words.upToDate, details, hint: null, tone: 'ok' };
  }
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** An ISO time as a parent reads it: "Nov 24, 2026, 9:41 AM", in the UI's language. */
export function formatSyncTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    timeFormats.set(locale, format);
  }
  return format.format(date);
}
