/** The Yoto queue and sign-in, read again and again: often while something moves, rarely otherwise. */
import { useCallback, useEffect, useState } from 'react';

import { useClient } from '../../client-context';
import { errorMessage } from '../../error-message';
import { yotoPollMs, type YotoStatusPayload } from './yoto-job-line';

export function useYotoStatus(): {
  status: YotoStatusPayload | null;
  error: string | null;
  refresh: () => void;
} {
  const client = useClient();
  const [status, setStatus] = useState<YotoStatusPayload | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    client.call('yoto.status', {}).then(
      (next) => {
        if (!live) return;
        setStatus(next);
        setError(null);
      },
      (failure: unknown) => {
        if (live) setError(errorMessage(failure));
      },
    );
    return () => {
      live = false;
    };
  }, [client, tick]);

  useEffect(() => {
    const timer = window.setTimeout(refresh, yotoPollMs(status));
    return () => window.clearTimeout(timer);
  }, [status, error, tick, refresh]);

  return { status, error, refresh };
}
