/**
 * A pack copied off the box as a STUdio zip (`lunii.export`, a job), handed to the browser as a
 * download. One export at a time per box, with its progress and a Cancel.
 */
import { useState } from 'react';

import type { ProgressEvent } from '../../../api/contract';
import { useClient } from '../client-context';
import { downloadBytes } from '../download';
import { errorMessage, isCancelled } from '../error-message';

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; title: string; progress: ProgressEvent | null; cancelling: boolean }
  | { status: 'done'; jobId: string; fileName: string }
  | { status: 'cancelled'; jobId: string }
  | { status: 'failed'; jobId: string; message: string };

export interface ExportJob {
  state: ExportState;
  start: (pack: string, title: string) => void;
  cancel: () => void;
  dismiss: () => void;
}

export function useExportJob(root: string): ExportJob {
  const client = useClient();
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  const forJob =
    (jobId: string, change: (now: ExportState) => ExportState) =>
    (now: ExportState): ExportState =>
      'jobId' in now && now.jobId === jobId ? change(now) : now;

  const start = (pack: string, title: string): void => {
    if (state.status === 'running') return;
    const jobId = crypto.randomUUID();
    setState({ status: 'running', jobId, title, progress: null, cancelling: false });
    client
      .call(
        'lunii.export',
        { root, pack },
        {
          jobId,
          onProgress: (progress) =>
            setState(forJob(jobId, (now) => (now.status === 'running' ? { ...now, progress } : now))),
        },
      )
      .then(
        (result) => {
          downloadBytes(result.data, result.fileName);
          setState(forJob(jobId, () => ({ status: 'done', jobId, fileName: result.fileName })));
        },
        (error: unknown) =>
          setState(
            forJob(jobId, () =>
              isCancelled(error)
                ? { status: 'cancelled', jobId }
                : { status: 'failed', jobId, message: errorMessage(error) },
            ),
          ),
      );
  };

  const cancel = (): void => {
    if (state.status !== 'running') return;
    const { jobId } = state;
    setState(forJob(jobId, (now) => (now.status === 'running' ? { ...now, cancelling: true } : now)));
    void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  };

  return { state, start, cancel, dismiss: () => setState({ status: 'idle' }) };
}
