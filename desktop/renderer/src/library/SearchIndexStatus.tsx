/**
 * While the library's vectors are being (re)built in the background (a first run, a switched
 * embedder), search by meaning only knows part of the library: say so, with progress. Polled,
 * because the contract reports the job's status on request rather than as events.
 */
import { useEffect, useState } from 'react';

import type { MethodOutput } from '../../../api/contract';
import { useClient } from '../client-context';
import { ProgressBar } from '../ProgressBar';
import { strings } from '../strings';

const POLL_MS = 1000;

export function SearchIndexStatus() {
  const client = useClient();
  const [status, setStatus] = useState<MethodOutput<'search.indexStatus'> | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = (): void => {
      client.call('search.indexStatus', {}).then(
        (now) => {
          if (!live) return;
          setStatus(now);
          if (now.state === 'running') timer = setTimeout(poll, POLL_MS);
        },
        () => undefined, // Why: a status line is not worth an error; search itself reports failures.
      );
    };
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client]);

  if (status?.state !== 'running') return null;
  return (
    <div className="notice" role="status" data-testid="search-index-status">
      <ProgressBar label={strings.library.indexing} done={status.done} total={status.total} />
    </div>
  );
}
