/** The signed-in family as the cloud has it now: read when the page opens, and again after each change. */
import { useCallback, useEffect, useState } from 'react';

import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import type { FamilyOverview } from './family-words';

export interface FamilyState {
  /** null while it is read (or when it could not be). */
  family: FamilyOverview | null;
  error: string | null;
  reload: () => Promise<void>;
}

export function useFamily(): FamilyState {
  const client = useClient();
  const [family, setFamily] = useState<FamilyOverview | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setFamily(await client.call('account.members', {}));
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [client]);

  useEffect(() => {
    let live = true;
    client.call('account.members', {}).then(
      (result) => {
        if (live) setFamily(result);
      },
      (failure: unknown) => {
        if (live) setError(errorMessage(failure));
      },
    );
    return () => {
      live = false;
    };
  }, [client]);

  return { family, error, reload };
}
