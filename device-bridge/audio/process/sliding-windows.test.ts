import { describe, expect, it } from 'vitest';
import { MovingAverage, SlidingMinimum } from './sliding-windows';
import { seededRandom } from './test-signals';

describe('sliding windows', () => {
  it('SlidingMinimum gives the minimum of the last N values, as a brute-force scan does', () => {
    const random = seededRandom(2);
    for (const length of [1, 2, 7, 64]) {
      const window = new SlidingMinimum(length);
      // Runs of ones (where the limiter idles) mixed with dips, as the limiter sees.
      const values = Array.from({ length: 3000 }, () => (random() < 0.7 ? 1 : random()));
      values.forEach((value, i) => {
        const expected = Math.min(...values.slice(Math.max(0, i - length + 1), i + 1));
        expect(window.push(value)).toBe(expected);
      });
    }
  });

  it('SlidingMinimum can skip ahead over ones while it holds only ones', () => {
    const random = seededRandom(4);
    const window = new SlidingMinimum(16);
    const reference = new SlidingMinimum(16);
    for (let i = 0; i < 5000; i += 1) {
      const value = random() < 0.9 ? 1 : random();
      if (value === 1 && window.isAllOnes()) {
        window.advance();
        reference.push(1);
        continue;
      }
      expect(window.push(value)).toBe(reference.push(value));
    }
  });

  it('MovingAverage gives the mean of the last N values, starting from a window of ones', () => {
    const random = seededRandom(3);
    const average = new MovingAverage(10);
    const values = Array.from({ length: 500 }, () => random());
    values.forEach((value, i) => {
      const window = [
        ...Array<number>(Math.max(0, 9 - i)).fill(1),
        ...values.slice(Math.max(0, i - 9), i + 1),
      ];
      expect(average.push(value)).toBeCloseTo(window.reduce((a, b) => a + b, 0) / 10, 12);
    });
  });
});
