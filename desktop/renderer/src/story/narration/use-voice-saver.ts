/**
 * Keeps the story's voice as the parent moves the sliders: saved once they settle, not on
 * every step, and still saved if the page closes before then.
 */
import { useEffect, useRef, useState } from 'react';

import { useClient } from '../../client-context';
import { errorMessage } from '../../error-message';
import type { VoiceSettings } from './NarrationContext';

const SETTLE_MS = 400;

export type SaveState = { status: 'idle' | 'saving' | 'saved' } | { status: 'failed'; message: string };

export function useVoiceSaver(storyId: string): { state: SaveState; save: (voice: VoiceSettings) => void } {
  const client = useClient();
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const pending = useRef<{ timer: number; voice: VoiceSettings } | null>(null);
  const latest = useRef(0);

  useEffect(
    () => () => {
      const left = pending.current;
      if (!left) return;
      window.clearTimeout(left.timer);
      void client.call('narration.setVoice', { storyId, ...left.voice }).catch(() => undefined);
    },
    [client, storyId],
  );

  const send = (voice: VoiceSettings): void => {
    pending.current = null;
    const ticket = ++latest.current;
    setState({ status: 'saving' });
    client.call('narration.setVoice', { storyId, ...voice }).then(
      () => {
        if (ticket === latest.current) setState({ status: 'saved' });
      },
      (error: unknown) => {
        if (ticket === latest.current) setState({ status: 'failed', message: errorMessage(error) });
      },
    );
  };

  const save = (voice: VoiceSettings): void => {
    if (pending.current) window.clearTimeout(pending.current.timer);
    pending.current = { voice, timer: window.setTimeout(() => send(voice), SETTLE_MS) };
  };

  return { state, save };
}
