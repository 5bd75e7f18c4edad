/**
 * The sync status while the Account page is open, read again every few seconds (the core syncs
 * by itself every half minute, so the page follows it without a click), and a "Sync now".
 */
import { useCallback, useEffect, useState } from 'react';

import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import type { SyncStatus } from './sync-status-words';

export const SYNC_POLL_MS = 5_000;

export interface SyncStatusState {
  status: SyncStatus | null;
  /** The status itself could not be read (the core is gone), or "Sync now" was refused. */
  error: string | null;
  syncing: boolean;
  syncNow: () => Promise<void>;
}

/** For a signed-in panel: it is mounted afresh on each sign-in, so no status of another account lingers. */
export function useSyncStatus(): SyncStatusState {
  const client = useClient();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [syncing, setSyncing] = useState(false);

  useEffect(() => {
    let live = true;
    const read = (): void => {
      client.call('sync.status', {}).then(
        (result) => {
          if (!live) return;
          setStatus(result);
          setError(null);
        },
        (failure: unknown) => {
          if (live) setError(errorMessage(failure));
        },
      );
    };
    read();
    const timer = window.setInterval(read, SYNC_POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [client]);

  const syncNow = useCallback(async () => {
    setSyncing(true);
    setError(null);
    try {
      setStatus(await client.call('sync.now', {}));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSyncing(false);
    }
  }, [client]);

  return { status, error, syncing, syncNow };
}
