/**
 * Classroom mode as a job: one set of stories onto several boxes (`lunii.installToBoxes`), with
 * the phase as it comes ("box 2 of 3: copying"), a Cancel the core honours, and at the end each
 * box's outcome for the printed report. A box that fails does not stop the others; the core says
 * why in that box's row.
 */
import { useState } from 'react';

import type { MethodOutput, ProgressEvent } from '../../../api/contract';
import { useClient } from '../client-context';
import { errorMessage, isCancelled } from '../error-message';

export type ClassroomResult = MethodOutput<'lunii.installToBoxes'>;

export type ClassroomState =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; progress: ProgressEvent | null; cancelling: boolean }
  /** `storyTitles` and `at`: what the report prints above the table. */
  | { status: 'done'; jobId: string; result: ClassroomResult; storyTitles: string[]; at: Date }
  | { status: 'cancelled'; jobId: string }
  | { status: 'failed'; jobId: string; message: string };

export interface ClassroomJob {
  state: ClassroomState;
  run: (roots: string[], stories: { id: string; title: string }[], onEnded: () => void) => void;
  cancel: () => void;
  dismiss: () => void;
}

export function useClassroomJob(): ClassroomJob {
  const client = useClient();
  const [state, setState] = useState<ClassroomState>({ status: 'idle' });

  /** Applies a change only while the state still belongs to job `jobId` (not a newer one). */
  const forJob =
    (jobId: string, change: (now: ClassroomState) => ClassroomState) =>
    (now: ClassroomState): ClassroomState =>
      'jobId' in now && now.jobId === jobId ? change(now) : now;

  const run = (roots: string[], stories: { id: string; title: string }[], onEnded: () => void): void => {
    if (state.status === 'running' || roots.length === 0 || stories.length === 0) return;
    const jobId = crypto.randomUUID();
    const storyTitles = stories.map((story) => story.title);
    setState({ status: 'running', jobId, progress: null, cancelling: false });
    client
      .call(
        'lunii.installToBoxes',
        { roots, storyIds: stories.map((story) => story.id) },
        {
          jobId,
          onProgress: (progress) =>
            setState(forJob(jobId, (now) => (now.status === 'running' ? { ...now, progress } : now))),
        },
      )
      .then(
        (result) =>
          setState(forJob(jobId, () => ({ status: 'done', jobId, result, storyTitles, at: new Date() }))),
        (error: unknown) =>
          setState(
            forJob(jobId, () =>
              isCancelled(error)
                ? { status: 'cancelled', jobId }
                : { status: 'failed', jobId, message: errorMessage(error) },
            ),
          ),
      )
      // Why on every ending: boxes done before a failure or a Cancel did change, so they are read again.
      .finally(onEnded);
  };

  const cancel = (): void => {
    if (state.status !== 'running') return;
    const { jobId } = state;
    setState(forJob(jobId, (now) => (now.status === 'running' ? { ...now, cancelling: true } : now)));
    // Why the error is dropped: if the last box finished first, its report simply shows.
    void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  };

  return { state, run, cancel, dismiss: () => setState({ status: 'idle' }) };
}
