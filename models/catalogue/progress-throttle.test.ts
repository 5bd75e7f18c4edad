import { describe, expect, it } from 'vitest';

import { throttleProgress } from './progress-throttle';

describe('throttleProgress', () => {
  it('should pass on at most one report per interval of the injected clock, and every flush', () => {
    let time = 0;
    const seen: number[] = [];
    const throttle = throttleProgress<number>(
      (n) => seen.push(n),
      100,
      () => time,
    );

    throttle.report(1); // first one always passes
    time = 50;
    throttle.report(2); // too soon
    time = 100;
    throttle.report(3);
    time = 120;
    throttle.flush(4); // forced
    throttle.report(5); // too soon after the flush

    expect(seen).toEqual([1, 3, 4]);
  });
});
