/**
 * The boxes plugged in now, looked for again every few seconds while the page is open, so a box
 * appears (and disappears) by itself. The next look starts only after the last one answered:
 * a slow disk never piles up calls.
 */
import { useCallback, useEffect, useState } from 'react';

import type { MethodOutput } from '../../../api/contract';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';

export type BoxSummary = MethodOutput<'devices.list'>['boxes'][number];

export const POLL_MS = 3000;

export interface Boxes {
  /** null until the first answer. */
  boxes: BoxSummary[] | null;
  /** False until a look with the current folders (or since the last refresh) answered. */
  fresh: boolean;
  /** The last look's failure; the boxes seen before stay listed. */
  error: string | null;
  /** Looks again now (after a change on a box, its pack count changed). */
  refresh: () => void;
}

export function useBoxes(folders: readonly string[]): Boxes {
  const client = useClient();
  const [seen, setSeen] = useState<{ key: string; boxes: BoxSummary[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asked, setAsked] = useState(0);
  const foldersKey = JSON.stringify(folders);
  const key = `${asked}#${foldersKey}`;

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = (): void => {
      const wanted = JSON.parse(foldersKey) as string[];
      client
        .call('devices.list', wanted.length > 0 ? { folders: wanted } : {})
        .then(
          (found) => {
            if (!live) return;
            setSeen({ key, boxes: found.boxes });
            setError(null);
          },
          (failure: unknown) => {
            if (live) setError(errorMessage(failure));
          },
        )
        .finally(() => {
          if (live) timer = setTimeout(look, POLL_MS);
        });
    };
    look();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, foldersKey, key]);

  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  return { boxes: seen?.boxes ?? null, fresh: seen?.key === key, error, refresh };
}
