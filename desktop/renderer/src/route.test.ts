import { describe, expect, it } from 'vitest';

import { parseRoute, routeHash, type Route } from './route';

describe('the address of each page', () => {
  it('should read back every page it writes', () => {
    const routes: Route[] = [
      { page: 'library' },
      { page: 'story', id: '6f1c0a52-3d5e-4b8a-9c1e-0a7b2c4d6e01' },
      { page: 'create' },
      { page: 'models' },
      { page: 'devices' },
      { page: 'account' },
      { page: 'play', id: '3b9e7d10-8c2f-4f6a-b1d3-5e7f9a0b1c01' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('should land on the library for anything else', () => {
    expect(parseRoute('#/create/extra')).toEqual({ page: 'library' });
    expect(parseRoute('#/nope')).toEqual({ page: 'library' });
    expect(parseRoute('#/play/not-a-story')).toEqual({ page: 'library' });
    expect(parseRoute('')).toEqual({ page: 'library' });
  });
});
