import { describe, expect, it } from 'vitest';

import { backoffDelayMs, realSleep } from './retry-backoff';

describe('backoffDelayMs', () => {
  it('should double from the initial delay up to the cap', () => {
    const policy = { retries: 8, initialDelayMs: 500, maxDelayMs: 5_000 };
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelayMs(policy, retry))).toEqual([
      500, 1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
  });
});

describe('realSleep', () => {
  it('should wake with the abort reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = realSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });
});
