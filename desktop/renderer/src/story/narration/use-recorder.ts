/**
 * The recorder a page card drives: ask for the microphone, record with a live level, stop,
 * listen back, take again or hand the sound on. The microphone is released whenever the card
 * goes away mid-take.
 */
import { useEffect, useRef, useState } from 'react';

import { MicrophoneSession, RecorderUnavailableError } from './microphone-session';

export type RecorderState =
  | { status: 'idle' }
  | { status: 'asking' }
  | { status: 'recording'; level: number; seconds: number }
  | { status: 'recorded'; blob: Blob; url: string; seconds: number }
  | { status: 'failed'; reason: 'no-microphone' | 'no-recorder' };

export interface Recorder {
  state: RecorderState;
  start: () => void;
  stop: () => void;
  /** Forgets the take (after it was used, or to start over). */
  discard: () => void;
}

export function useRecorder(): Recorder {
  const [state, setState] = useState<RecorderState>({ status: 'idle' });
  const session = useRef<MicrophoneSession | null>(null);
  const mounted = useRef(true);

  const url = state.status === 'recorded' ? state.url : null;
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      session.current?.release();
      session.current = null;
    };
  }, []);

  const start = (): void => {
    session.current?.release();
    setState({ status: 'asking' });
    MicrophoneSession.open({
      onLevel: (level, seconds) =>
        setState((now) => (now.status === 'recording' ? { ...now, level, seconds } : now)),
      onRecorded: (blob, seconds) => {
        session.current = null;
        setState({ status: 'recorded', blob, url: URL.createObjectURL(blob), seconds });
      },
      onFailed: () => {
        session.current = null;
        setState({ status: 'failed', reason: 'no-microphone' });
      },
    }).then(
      (opened) => {
        // Why: the card went away while the browser was asking for the microphone.
        if (!mounted.current) return opened.release();
        session.current = opened;
        setState({ status: 'recording', level: 0, seconds: 0 });
      },
      (error: unknown) =>
        setState({
          status: 'failed',
          reason: error instanceof RecorderUnavailableError ? 'no-recorder' : 'no-microphone',
        }),
    );
  };

  const stop = (): void => session.current?.stop();

  const discard = (): void => {
    session.current?.release();
    session.current = null;
    setState({ status: 'idle' });
  };

  return { state, start, stop, discard };
}
