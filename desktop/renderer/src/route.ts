/**
 * Where the user is, kept in the address's fragment (#/story/ID) so a reload or the back
 * button lands on the same page. The token fragment (#token=…) is read and removed by the
 * client before this runs.
 */
import { useEffect, useState } from 'react';

export type Route = { page: 'library' } | { page: 'story'; id: string };

const STORY_PATH = /^#\/story\/([0-9a-fA-F-]{36})$/;

export function parseRoute(hash: string): Route {
  const match = STORY_PATH.exec(hash);
  return match ? { page: 'story', id: match[1]!.toLowerCase() } : { page: 'library' };
}

export function routeHash(route: Route): string {
  return route.page === 'story' ? `#/story/${route.id}` : '#/';
}

export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = (next: Route): void => {
    window.location.hash = routeHash(next);
    window.scrollTo(0, 0);
  };
  return [route, go];
}
