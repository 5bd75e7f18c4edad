import { useEffect, useRef } from 'react';

/**
 * A ref whose element takes the keyboard focus when it first appears: a page's heading after
 * navigation, or a result that replaced the button just pressed, so a screen reader says where
 * the user landed and Tab goes on from there. `scroll`: also bring it into view (a page's
 * heading is already at the top).
 */
export function useFocusOnMount<T extends HTMLElement>(scroll = false) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.focus({ preventScroll: true });
    if (scroll) element.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [scroll]);
  return ref;
}
