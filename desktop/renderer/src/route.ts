/**
 * Where the user is, kept in the address's fragment (#/story/ID, #/create, #/models, #/devices, #/account) so a reload or the back
 * button lands on the same page. The token fragment (#token=…) is read and removed by the
 * client before this runs.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'library' }
  | { page: 'story'; id: string }
  | { page: 'create' }
  | { page: 'models' }
  | { page: 'devices' }
  | { page: 'account' }
  | { page: 'play'; id: string };

const STORY_PATH = /^#\/story\/([0-9a-fA-F-]{36})$/;
const PLAY_PATH = /^#\/play\/([0-9a-fA-F-]{36})$/;
const PAGE_PATH = /^#\/(create|models|devices|account)$/;

export function parseRoute(hash: string): Route {
  const story = STORY_PATH.exec(hash);
  if (story) return { page: 'story', id: story[1]!.toLowerCase() };
  const play = PLAY_PATH.exec(hash);
  if (play) return { page: 'play', id: play[1]!.toLowerCase() };
  const page = PAGE_PATH.exec(hash);
  const name = page?.[1];
  return name === 'create' || name === 'models' || name === 'devices' || name === 'account'
    ? { page: name }
    : { page: 'library' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'story':
      return `#/story/${route.id}`;
    case 'play':
      return `#/play/${route.id}`;
    case 'create':
    case 'models':
    case 'devices':
    case 'account':
      return `#/${route.page}`;
    default:
      return '#/';
  }
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
