/**
 * Sends a recording or an imported file to the core as one page's narration: a job (the core
 * turns it into the box's MP3, which takes a moment on a long file), stoppable, with the
 * core's own words when it refuses (no consent for that child, not a usable sound, a story
 * changed elsewhere).
 */
import { useState } from 'react';

import { useClient } from '../../client-context';
import { errorCode, errorMessage, isCancelled, isConflict } from '../../error-message';
import { useNarration } from './NarrationContext';
import type { Speaker } from './speaker-choice';

export type AttachState =
  | { status: 'idle' }
  | { status: 'sending'; jobId: string; stopping: boolean }
  | { status: 'done' }
  | { status: 'cancelled' }
  | { status: 'failed'; code: string | null; message: string };

export interface SoundFile {
  fileName: string;
  data: Uint8Array;
  source: 'recording' | 'import';
}

export interface AttachJob {
  state: AttachState;
  /** Resolves true once the page uses the sound. */
  send: (file: SoundFile, speaker: Speaker) => Promise<boolean>;
  stop: () => void;
  dismiss: () => void;
}

export function useAttachJob(nodeId: string): AttachJob {
  const client = useClient();
  const { storyId, version, onStory, onConflict, reloadProfiles } = useNarration();
  const [state, setState] = useState<AttachState>({ status: 'idle' });

  const send = async (file: SoundFile, speaker: Speaker): Promise<boolean> => {
    const jobId = crypto.randomUUID();
    setState({ status: 'sending', jobId, stopping: false });
    try {
      const { story } = await client.call(
        'narration.attach',
        {
          storyId,
          nodeId,
          expectedVersion: version,
          ...file,
          speaker: speaker.speaker,
          profileId: speaker.speaker === 'child' ? speaker.profile.id : undefined,
        },
        { jobId },
      );
      setState({ status: 'done' });
      onStory(story);
      return true;
    } catch (error) {
      if (isCancelled(error)) {
        setState({ status: 'cancelled' });
        return false;
      }
      if (isConflict(error)) onConflict();
      // Why: the page believed the consent on; the family list it holds is out of date.
      if (errorCode(error) === 'consent-required') reloadProfiles();
      setState({ status: 'failed', code: errorCode(error), message: errorMessage(error) });
      return false;
    }
  };

  const stop = (): void => {
    if (state.status !== 'sending') return;
    const { jobId } = state;
    setState((now) => (now.status === 'sending' && now.jobId === jobId ? { ...now, stopping: true } : now));
    // Why the error is dropped: if the sound was already in place, the page simply shows it.
    void client.call('jobs.cancel', { jobId }).catch(() => undefined);
  };

  return { state, send, stop, dismiss: () => setState({ status: 'idle' }) };
}
