/**
 * The sound of the stage on the box: fetched from the asset store, played through one <audio>
 * element, its progress followed; its end (the media 'ended' event) is reported so an autoplay
 * stage moves on. A stage with no sound (not narrated yet), or one whose sound fails, counts
 * as a short silence instead, so the walk never sticks.
 *
 * Why a hook handing back the element: the page and the Mode Conte screen both show the
 * progress, but the one <audio> must outlive switching between them, or the sound would restart.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

import type { AudioRef } from '../../../../device-bridge/pack/story-graph';
import { assetBlobUrl } from '../asset-url';
import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { strings } from '../strings';

/** How long a stage with no sound "plays": long enough to glance at its lines, short enough not to wait. */
export const SILENT_STAGE_MS = 4000;

export interface StageSound {
  /** The <audio> element to render once (it shows nothing). */
  element: ReactNode;
  /** 0 to 1 of the sound played. */
  progress: number;
  /** The browser refused to start the sound before a click on the page: `start` from a click. */
  blocked: boolean;
  /** Why the sound could not be loaded, or null. */
  error: string | null;
  start: () => void;
}

type Loaded = { key: number; url: string } | { key: number; error: string };

export function useStageSound({
  audio,
  playKey,
  paused,
  name,
  onEnded,
}: {
  audio: AudioRef | null;
  /** Changes each time the stage starts (again): the sound starts over. */
  playKey: number;
  paused: boolean;
  name: string;
  onEnded: () => void;
}): StageSound {
  const client = useClient();
  const player = useRef<HTMLAudioElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [blocked, setBlocked] = useState<number | null>(null);
  const [progress, setProgress] = useState<{ key: number; done: number }>({ key: 0, done: 0 });
  const ended = useRef(onEnded);
  useEffect(() => {
    ended.current = onEnded;
  }, [onEnded]);

  const hash = audio?.hash ?? null;
  useEffect(() => {
    if (!hash) return;
    let live = true;
    let url: string | null = null;
    assetBlobUrl(client, hash).then(
      (made) => {
        if (!live) return URL.revokeObjectURL(made);
        url = made;
        setLoaded({ key: playKey, url: made });
      },
      (error: unknown) => {
        if (live) setLoaded({ key: playKey, error: errorMessage(error) });
      },
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, hash, playKey]);

  const current = hash && loaded?.key === playKey ? loaded : null;
  const url = current && 'url' in current ? current.url : null;
  const error = current && 'error' in current ? current.error : null;
  const silent = !hash || error !== null;

  // Why a timer: with no sound, the box's "end of the audio" is a short pause, so autoplay still moves on.
  useEffect(() => {
    if (!silent || paused) return;
    const timer = window.setTimeout(() => ended.current(), SILENT_STAGE_MS);
    return () => window.clearTimeout(timer);
  }, [silent, paused, playKey]);

  useEffect(() => {
    const element = player.current;
    if (!element || !url) return;
    if (paused) {
      element.pause();
      return;
    }
    element.play().then(
      () => setBlocked(null),
      (refusal: unknown) => {
        // Why only this one: a browser refuses sound before the page was clicked; a click on `start` plays it.
        if (refusal instanceof DOMException && refusal.name === 'NotAllowedError') setBlocked(playKey);
      },
    );
  }, [url, paused, playKey]);

  const element = url ? (
    <audio
      key={playKey}
      ref={player}
      src={url}
      preload="auto"
      aria-label={strings.player.soundLabel(name)}
      data-testid="player-audio"
      onTimeUpdate={(event) => {
        const { currentTime, duration } = event.currentTarget;
        if (duration > 0) setProgress({ key: playKey, done: Math.min(1, currentTime / duration) });
      }}
      onEnded={() => {
        setProgress({ key: playKey, done: 1 });
        ended.current();
      }}
    />
  ) : null;

  return {
    element,
    progress: progress.key === playKey ? progress.done : 0,
    blocked: blocked === playKey,
    error,
    start: () =>
      void player.current?.play().then(
        () => setBlocked(null),
        () => undefined,
      ),
  };
}
