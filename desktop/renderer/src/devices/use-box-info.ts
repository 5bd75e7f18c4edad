/**
 * One box read in full (`lunii.info`: its facts, its packs, what repair did), read again when
 * `revision` grows. While it is read again the last answer stays on screen, so the list never
 * flashes away under the parent's hand.
 */
import { useEffect, useState } from 'react';

import type { MethodOutput } from '../../../api/contract';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { rememberRepairs } from './box-repairs-seen';

export type BoxInfo = MethodOutput<'lunii.info'>;
export type BoxPack = BoxInfo['packs'][number];

type Read = { key: string; info: BoxInfo } | { key: string; error: string };

export interface BoxInfoState {
  info: BoxInfo | null;
  error: string | null;
  /** True while the answer on screen is older than the last change. */
  stale: boolean;
}

export function useBoxInfo(root: string, revision: number): BoxInfoState {
  const client = useClient();
  const key = `${revision}#${root}`;
  const [read, setRead] = useState<Read | null>(null);

  useEffect(() => {
    let live = true;
    client.call('lunii.info', { root }).then(
      (info) => {
        rememberRepairs(root, info.repairs);
        if (live) setRead({ key, info });
      },
      (error: unknown) => {
        if (live) setRead({ key, error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, root, key]);

  // Why the root check: the parent remounts this per box, but a last answer must never show for another box.
  const mine = read !== null && read.key.endsWith(`#${root}`) ? read : null;
  return {
    info: mine && 'info' in mine ? mine.info : null,
    error: mine && 'error' in mine ? mine.error : null,
    stale: mine?.key !== key,
  };
}
