/** The box's five buttons: wheel left and right, OK, Home, Pause. A button the stage ignores is greyed out, as the box ignores it. */
import type { Ref } from 'react';

import { strings } from '../strings';

const t = strings.player;

export type BoxButton = 'left' | 'right' | 'ok' | 'home' | 'pause';

export function BoxControls({
  live,
  paused,
  onPress,
  okRef,
  big = false,
}: {
  live: Record<BoxButton, boolean>;
  paused: boolean;
  onPress: (button: BoxButton) => void;
  okRef?: Ref<HTMLButtonElement>;
  /** Mode Conte's huge, high-contrast buttons. */
  big?: boolean;
}) {
  const button = (name: BoxButton, label: string, face: string, ref?: Ref<HTMLButtonElement>) => (
    <button
      type="button"
      ref={ref}
      className={`player-button player-button-${name}`}
      data-testid={`player-${name}`}
      aria-label={label}
      disabled={!live[name]}
      onClick={() => onPress(name)}
    >
      <span aria-hidden="true">{face}</span>
    </button>
  );
  return (
    <div className={`player-controls${big ? ' is-big' : ''}`} role="group" aria-label={t.controlsLabel}>
      <div className="player-wheel">
        {button('left', t.wheelLeft, '◀')}
        {button('ok', t.okLabel, t.ok, okRef)}
        {button('right', t.wheelRight, '▶')}
      </div>
      <div className="player-side">
        {button('home', t.homeLabel, `⌂ ${t.home}`)}
        {button('pause', paused ? t.resume : t.pause, paused ? `▶ ${t.resume}` : `❚❚ ${t.pause}`)}
      </div>
    </div>
  );
}
