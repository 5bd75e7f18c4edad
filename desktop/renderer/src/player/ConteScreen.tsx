/**
 * Mode Conte: the whole window dark, no picture and no words on screen, only the sound and
 * huge high-contrast buttons, like a box played at bedtime. Screen readers still hear where
 * the walk is (stage names, through aria-live) and the keyboard works as on the page.
 *
 * Why a portal with the app made inert: the screen covers everything, so Tab and a screen
 * reader's cursor must not wander onto the page hidden underneath.
 */
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';

import { strings } from '../strings';
import { BoxControls, type BoxButton } from './BoxControls';

const t = strings.player;

export function ConteScreen({
  announcement,
  progress,
  live,
  paused,
  finished,
  blocked,
  onPress,
  onStartSound,
  onAgain,
  onExit,
}: {
  announcement: string;
  progress: number;
  live: Record<BoxButton, boolean>;
  paused: boolean;
  finished: boolean;
  blocked: boolean;
  onPress: (button: BoxButton) => void;
  onStartSound: () => void;
  onAgain: () => void;
  onExit: () => void;
}) {
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const app = document.getElementById('root');
    if (app) app.inert = true;
    ok.current?.focus();
    return () => {
      if (app) app.inert = false;
    };
  }, []);
  const again = useRef<HTMLButtonElement>(null);
  // Why: at the end OK greys out under the focus; the next thing to press is "play again".
  useEffect(() => {
    if (finished) again.current?.focus();
  }, [finished]);
  const percent = Math.round(progress * 100);
  return createPortal(
    <div
      className="conte"
      role="dialog"
      aria-modal="true"
      aria-label={t.conteLabel}
      data-testid="conte-screen"
    >
      <button type="button" className="conte-exit" data-testid="conte-exit" onClick={onExit}>
        {t.conteExit}
      </button>
      <p className="visually-hidden" aria-live="polite" data-testid="conte-announcement">
        {announcement}
      </p>
      <div
        className="conte-progress"
        role="progressbar"
        aria-label={t.soundProgress}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="conte-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      {blocked ? (
        <button
          type="button"
          className="conte-big-action"
          data-testid="conte-start-sound"
          onClick={onStartSound}
        >
          {t.startSound}
        </button>
      ) : null}
      {finished ? (
        <button
          type="button"
          ref={again}
          className="conte-big-action"
          data-testid="conte-again"
          onClick={onAgain}
        >
          {t.again}
        </button>
      ) : null}
      <BoxControls live={live} paused={paused} onPress={onPress} okRef={ok} big />
    </div>,
    document.body,
  );
}
