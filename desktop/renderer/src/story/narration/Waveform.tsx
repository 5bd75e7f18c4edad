/**
 * A page's sound drawn as bars, with a playhead. It is also a slider: a click or the arrow keys
 * move the sound there, so a parent can jump to the word they want to check.
 */
import type { KeyboardEvent, MouseEvent } from 'react';

import { strings } from '../../strings';
import { playedShare } from './waveform-peaks';

const HEIGHT = 48;
const BAR = 3;
const STEP_SECONDS = 2;

function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export function Waveform({
  peaks,
  currentTime,
  duration,
  label,
  onSeek,
}: {
  peaks: readonly number[];
  currentTime: number;
  duration: number;
  label: string;
  onSeek: (seconds: number) => void;
}) {
  const share = playedShare(currentTime, duration);
  const width = peaks.length * BAR;
  const seekAt = (event: MouseEvent<SVGSVGElement>): void => {
    const box = event.currentTarget.getBoundingClientRect();
    onSeek(playedShare(event.clientX - box.left, box.width) * duration);
  };
  const onKey = (event: KeyboardEvent<SVGSVGElement>): void => {
    const moves: Record<string, number> = {
      ArrowLeft: currentTime - STEP_SECONDS,
      ArrowDown: currentTime - STEP_SECONDS,
      ArrowRight: currentTime + STEP_SECONDS,
      ArrowUp: currentTime + STEP_SECONDS,
      Home: 0,
      End: duration,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    onSeek(Math.min(duration, Math.max(0, to)));
  };
  return (
    <svg
      className="waveform"
      data-testid="node-waveform"
      viewBox={`0 0 ${width} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.round(duration)}
      aria-valuenow={Math.round(currentTime)}
      aria-valuetext={strings.story.position(clock(currentTime), clock(duration))}
      data-played={share.toFixed(3)}
      onClick={seekAt}
      onKeyDown={onKey}
    >
      {peaks.map((peak, index) => {
        const tall = Math.max(1, peak * HEIGHT);
        return (
          <rect
            key={index}
            x={index * BAR}
            y={(HEIGHT - tall) / 2}
            width={BAR - 1}
            height={tall}
            className={(index + 0.5) / peaks.length <= share ? 'waveform-played' : 'waveform-bar'}
          />
        );
      })}
      <line className="waveform-head" x1={share * width} x2={share * width} y1={0} y2={HEIGHT} />
    </svg>
  );
}
