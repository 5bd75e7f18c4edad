/** The family cloud account as the core knows it: read once, replaced by each sign-in, sign-up or sign-out. */
import { useCallback, useEffect, useState } from 'react';

import type { MethodInput, MethodOutput } from '../../../api/contract';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';

export type Account = MethodOutput<'account.get'>;

export interface AccountState {
  /** null while it is read. */
  account: Account | null;
  loadError: string | null;
  signIn: (input: MethodInput<'account.signIn'>) => Promise<void>;
  signUp: (input: MethodInput<'account.signUp'>) => Promise<void>;
  signOut: () => Promise<void>;
  /** Takes the account a call answered with (erasing the family signs out). */
  adopt: (account: Account) => void;
}

export function useAccount(): AccountState {
  const client = useClient();
  const [account, setAccount] = useState<Account | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.call('account.get', {}).then(
      (result) => {
        if (live) setAccount(result);
      },
      (error: unknown) => {
        if (live) setLoadError(errorMessage(error));
      },
    );
    return () => {
      live = false;
    };
  }, [client]);

  const signIn = useCallback(
    async (input: MethodInput<'account.signIn'>) => setAccount(await client.call('account.signIn', input)),
    [client],
  );
  const signUp = useCallback(
    async (input: MethodInput<'account.signUp'>) => setAccount(await client.call('account.signUp', input)),
    [client],
  );
  const signOut = useCallback(async () => setAccount(await client.call('account.signOut', {})), [client]);
  return { account, loadError, signIn, signUp, signOut, adopt: setAccount };
}
