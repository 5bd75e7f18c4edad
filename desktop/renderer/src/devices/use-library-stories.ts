/** The library's stories, read once when a panel opens, for ticking which go onto boxes. */
import { useEffect, useState } from 'react';

import type { StorySummary } from '../story-types';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';

/** null while loading. */
export type LibraryStories = { stories: StorySummary[] } | { error: string } | null;

export function useLibraryStories(): LibraryStories {
  const client = useClient();
  const [listed, setListed] = useState<LibraryStories>(null);

  useEffect(() => {
    let live = true;
    client.call('stories.list', { limit: 1000 }).then(
      (stories) => {
        if (live) setListed({ stories });
      },
      (error: unknown) => {
        if (live) setListed({ error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client]);

  return listed;
}
