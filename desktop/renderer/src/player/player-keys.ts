/**
 * The keyboard as the box: ←/→ turn the wheel, Enter or Space is OK, Escape or H is Home, P
 * is Pause. Pure, so its choices are tested without a browser.
 */
import type { BoxButton } from './BoxControls';

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

export function keyButton(event: KeyPress): BoxButton | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const tag = targetTag(event.target);
  // Why: typing in a field is not pressing the box's buttons.
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return null;
  switch (event.key) {
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    case 'Enter':
    case ' ':
      // Why not on a button: there Enter and Space press that button (wheel, Mode Conte…), as everywhere.
      return pressable(event.target) ? null : 'ok';
    case 'Escape':
    case 'h':
    case 'H':
      return 'home';
    case 'p':
    case 'P':
      return 'pause';
    default:
      return null;
  }
}

/** A link, or a button that is not greyed out: Enter and Space already press it. */
function pressable(target: EventTarget | null): boolean {
  const tag = targetTag(target);
  if (tag === 'A') return true;
  return tag === 'BUTTON' && !(target as { disabled?: unknown }).disabled;
}

function targetTag(target: EventTarget | null): string | null {
  return target && 'tagName' in target && typeof target.tagName === 'string'
    ? target.tagName.toUpperCase()
    : null;
}
