/**
 * "Put on the box" as a job: the phase and progress as they come ("preparing 1 of 2",
 * "copying"), a Cancel the core honours (nothing half-copied is left on the box), and at the
 * end either "safe to unplug" or what went wrong and what to do next (errorMessage's words).
 */
import { useState } from 'react';

import type { MethodOutput, ProgressEvent } from '../../../api/contract';
import { useClient } from '../client-context';
import { errorMessage, isCancelled } from '../error-message';

type Installed = MethodOutput<'lunii.install'>;

export type InstallState =
  | { status: 'idle' }
  | {
      status: 'running';
      jobId: string;
      root: string;
      count: number;
      progress: ProgressEvent | null;
      cancelling: boolean;
    }
  | { status: 'done'; jobId: string; root: string; result: Installed }
  | { status: 'cancelled'; jobId: string; root: string }
  | { status: 'failed'; jobId: string; root: string; message: string };

export interface InstallJob {
  state: InstallState;
  install: (root: string, storyIds: string[], onEnded: () => void) => void;
  cancel: () => void;
  dismiss: () => void;
}

export function useInstallJob(): InstallJob {
  const client = useClient();
  const [state, setState] = useState<InstallState>({ status: 'idle' });

  /** Applies a change only while the state still belongs to job `jobId` (not a newer one). */
  const forJob =
    (jobId: string, change: (now: InstallState) => InstallState) =>
    (now: InstallState): InstallState =>
      'jobId' in now && now.jobId === jobId ? change(now) : now;

  const install = (root: string, storyIds: string[], onEnded: () => void): void => {
    if (state.status === 'running' || storyIds.length === 0) return;
    const jobId = crypto.randomUUID();
    setState({ status: 'running', jobId, root, count: storyIds.length, progress: null, cancelling: false });
    client
      .call(
        'lunii.install',
        { root, storyIds },
        {
          jobId,
          onProgress: (progress) =>
            setState(forJob(jobId, (now) => (now.status === 'running' ? { ...now, progress } : now))),
        },
      )
      .then(
        (result) => setState(forJob(jobId, () => ({ status: 'done', jobId, root, result }))),
        (error: unknown) =>
          setState(
            forJob(jobId, () =>
              isCancelled(error)
                ? { status: 'cancelled', jobId, root }
                : { status: 'failed', jobId, root, message: errorMessage(error) },
            ),
          ),
      )
      // Why on every ending: even a failed install may have been repaired back, so the box is read again.
      .finally(onEnded);
  };

  const cancel = (): void => {
    if (state.status !== 'running') return;
    const { jobId } = state;
    setState(forJob(jobId, (now) => (now.status === 'running' ? { ...now, cancelling: true } : now)));
    // Why the error is dropped: if the copy finished first, its result simply shows.
    void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  };

  return { state, install, cancel, dismiss: () => setState({ status: 'idle' }) };
}
