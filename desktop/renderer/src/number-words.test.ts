import { describe, expect, it } from 'vitest';

import { formatNumber, formatShare, plural } from './number-words';

const PAGES = { one: '# page', other: '# pages' };

describe('plural', () => {
  it('follows English: only one is singular', () => {
    expect([0, 1, 2, 1.5].map((count) => plural('en', count, PAGES))).toEqual([
      '0 pages',
      '1 page',
      '2 pages',
      '1.5 pages',
    ]);
  });

  it('follows French: zero, one and everything under two are singular', () => {
    expect([0, 1, 1.5, 2].map((count) => plural('fr', count, PAGES))).toEqual([
      '0 page',
      '1 page',
      '1,5 page',
      '2 pages',
    ]);
  });

  it('groups thousands the language’s way', () => {
    expect(plural('en', 12345, PAGES)).toBe('12,345 pages');
    expect(plural('fr', 12345, PAGES)).toMatch(/^12[\u00a0\u202f]345 pages$/);
  });
});

describe('formatNumber and formatShare', () => {
  it('write decimals with a point in English and a comma in French', () => {
    expect(formatNumber('en', 1, 1)).toBe('1.0');
    expect(formatNumber('fr', 1, 1)).toBe('1,0');
    expect(formatNumber('fr', 0.875, 2)).toBe('0,88');
  });

  it('write a share as a whole percent', () => {
    expect(formatShare('en', 0.426)).toBe('43%');
    expect(formatShare('fr', 0.426)).toMatch(/^43[\u00a0\u202f]%$/);
  });
});
