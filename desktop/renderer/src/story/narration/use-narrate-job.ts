/**
 * "Read the story aloud" as a job: progress page by page, a Stop that leaves the story as it
 * was (the core keeps what it already read for next time), and the count of what happened.
 */
import { useState } from 'react';

import type { ProgressEvent } from '../../../../api/contract';
import { useClient } from '../../client-context';
import { errorMessage, isCancelled } from '../../error-message';
import { countOutcomes, type OutcomeCounts } from './narration-summary';
import { useNarration, type VoiceSettings } from './NarrationContext';

export type NarrateState =
  | { status: 'idle' }
  | { status: 'reading'; jobId: string; progress: ProgressEvent | null; stopping: boolean }
  | { status: 'done'; jobId: string; counts: OutcomeCounts; replaced: boolean }
  | { status: 'stopped'; jobId: string }
  | { status: 'failed'; jobId: string; message: string };

export interface NarrateJob {
  state: NarrateState;
  read: (voice: VoiceSettings, replaceRecordings: boolean) => void;
  stop: () => void;
  dismiss: () => void;
}

export function useNarrateJob(): NarrateJob {
  const client = useClient();
  const { storyId, onStory } = useNarration();
  const [state, setState] = useState<NarrateState>({ status: 'idle' });

  /** Applies a change only while the state still belongs to job `jobId` (not a newer one). */
  const forJob =
    (jobId: string, change: (now: NarrateState) => NarrateState) =>
    (now: NarrateState): NarrateState =>
      'jobId' in now && now.jobId === jobId ? change(now) : now;

  const read = (voice: VoiceSettings, replaceRecordings: boolean): void => {
    const jobId = crypto.randomUUID();
    setState({ status: 'reading', jobId, progress: null, stopping: false });
    client
      .call(
        'narration.narrate',
        { storyId, ...voice, replaceRecordings },
        {
          jobId,
          onProgress: (progress) =>
            setState(forJob(jobId, (now) => (now.status === 'reading' ? { ...now, progress } : now))),
        },
      )
      .then(
        (result) => {
          setState(
            forJob(jobId, () => ({
              status: 'done',
              jobId,
              counts: countOutcomes(result.nodes),
              replaced: replaceRecordings,
            })),
          );
          onStory(result.story);
        },
        (error: unknown) =>
          setState(
            forJob(jobId, () =>
              isCancelled(error)
                ? { status: 'stopped', jobId }
                : { status: 'failed', jobId, message: errorMessage(error) },
            ),
          ),
      );
  };

  const stop = (): void => {
    if (state.status !== 'reading') return;
    const { jobId } = state;
    setState(forJob(jobId, (now) => (now.status === 'reading' ? { ...now, stopping: true } : now)));
    // Why the error is dropped: if the reading finished first, its result simply shows.
    void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  };

  return { state, read, stop, dismiss: () => setState({ status: 'idle' }) };
}
