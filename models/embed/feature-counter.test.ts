import { describe, expect, it } from 'vitest';

import { FeatureCounter } from './feature-counter';

function contents(counter: FeatureCounter): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < counter.size; i += 1) map.set(counter.keyAt(i), counter.countAt(i));
  return map;
}

describe('FeatureCounter', () => {
  it('counts keys, negative and zero ones too, with dense indexes in order of arrival', () => {
    const counter = new FeatureCounter(16);
    expect(counter.add(5)).toBe(0);
    expect(counter.add(-3)).toBe(1);
    expect(counter.add(5)).toBe(0);
    expect(counter.add(0, 4)).toBe(2);
    expect(counter.size).toBe(3);
    expect(contents(counter)).toEqual(
      new Map([
        [5, 2],
        [-3, 1],
        [0, 4],
      ]),
    );
  });

  it('grows past its first capacity and keeps every count', () => {
    const counter = new FeatureCounter(16);
    for (let round = 0; round < 3; round += 1) {
      for (let key = 0; key < 10_000; key += 1) counter.add(Math.imul(key, 0x9e3779b1));
    }
    expect(counter.size).toBe(10_000);
    for (let i = 0; i < counter.size; i += 1) expect(counter.countAt(i)).toBe(3);
  });

  it('clears for the next text', () => {
    const counter = new FeatureCounter(16);
    for (let key = 0; key < 100; key += 1) counter.add(key);
    counter.clear();
    expect(counter.size).toBe(0);
    counter.add(42);
    expect(contents(counter)).toEqual(new Map([[42, 1]]));
  });

  it('leaves new keys out once full, and still counts the known ones', () => {
    const counter = new FeatureCounter(16, 3);
    for (const key of [1, 2, 3]) counter.add(key);
    expect(counter.full).toBe(true);
    expect(counter.add(4)).toBe(-1);
    expect(counter.add(2)).toBe(1);
    expect(contents(counter)).toEqual(
      new Map([
        [1, 1],
        [2, 2],
        [3, 1],
      ]),
    );
  });
});
