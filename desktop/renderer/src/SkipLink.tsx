/**
 * The first stop of the Tab key: a link, hidden until focused, that jumps past the top bar to
 * the page. Why a handled click and not a plain `#main` link: the address's fragment holds the
 * route (route.ts), and `#main` would send the parent back to the library.
 */
import type { MouseEvent } from 'react';

import { strings } from './strings';

export const MAIN_ID = 'main-content';

function skip(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  document.getElementById(MAIN_ID)?.focus();
}

export function SkipLink() {
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} data-testid="skip-link" onClick={skip}>
      {strings.skipLink.label}
    </a>
  );
}
