/** The contract client, handed down the tree once (made in main.tsx from the page's address). */
import { createContext, useContext } from 'react';

import type { TalemoClient } from '../../api/contract';

export const ClientContext = createContext<TalemoClient | null>(null);

export function useClient(): TalemoClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside of ClientContext');
  return client;
}
