/**
 * How long to wait before retrying a failed download: exponential, capped. The sleep is
 * injectable so tests run without waiting, and it wakes early when the download is cancelled.
 */

export interface BackoffPolicy {
  /** Attempts after the first, per stretch without progress. */
  retries: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { retries: 5, initialDelayMs: 1_000, maxDelayMs: 30_000 };

/** Delay before retry number `retry` (1 for the first retry). */
export function backoffDelayMs(policy: BackoffPolicy, retry: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, retry - 1));
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
