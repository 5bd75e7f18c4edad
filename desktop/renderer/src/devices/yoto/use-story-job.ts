/**
 * A long call on one story (sending to Yoto, writing an SD card): its progress, a Cancel, and
 * how it ended. One at a time; a later call's answer never overwrites a newer job's state.
 */
import { useRef, useState } from 'react';

import type { ProgressEvent } from '../../../../api/contract';
import { useClient } from '../../client-context';
import { errorMessage, isCancelled } from '../../error-message';

export type StoryJobState<T> =
  | { status: 'idle' }
  | { status: 'running'; progress: ProgressEvent | null; cancelling: boolean }
  | { status: 'done'; result: T }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

export interface StoryJob<T> {
  state: StoryJobState<T>;
  run: (call: (options: { jobId: string; onProgress: (event: ProgressEvent) => void }) => Promise<T>) => void;
  cancel: () => void;
}

export function useStoryJob<T>(): StoryJob<T> {
  const client = useClient();
  const [state, setState] = useState<StoryJobState<T>>({ status: 'idle' });
  const current = useRef<string | null>(null);

  const run: StoryJob<T>['run'] = (call) => {
    if (current.current !== null) return;
    const jobId = crypto.randomUUID();
    current.current = jobId;
    const mine = (next: StoryJobState<T> | ((now: StoryJobState<T>) => StoryJobState<T>)): void => {
      if (current.current === jobId || next instanceof Function) setState(next);
    };
    setState({ status: 'running', progress: null, cancelling: false });
    call({
      jobId,
      onProgress: (progress) =>
        mine((now) => (current.current === jobId && now.status === 'running' ? { ...now, progress } : now)),
    }).then(
      (result) => {
        mine({ status: 'done', result });
        current.current = null;
      },
      (error: unknown) => {
        mine(
          isCancelled(error) ? { status: 'cancelled' } : { status: 'failed', message: errorMessage(error) },
        );
        current.current = null;
      },
    );
  };

  const cancel = (): void => {
    const jobId = current.current;
    if (jobId === null) return;
    setState((now) => (now.status === 'running' ? { ...now, cancelling: true } : now));
    void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  };

  return { state, run, cancel };
}
