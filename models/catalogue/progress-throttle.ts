/**
 * Limits how often progress reaches the UI: bytes arrive in 16-64 KiB chunks, thousands a
 * second, and each report may cross IPC. The clock is injectable so tests need no waiting.
 */

export type Clock = () => number;

export interface ProgressThrottle<T> {
  /** Passes `value` on if the interval has passed since the last one passed on. */
  report(value: T): void;
  /** Passes `value` on whatever the time (a file finished, the download ended). */
  flush(value: T): void;
}

export function throttleProgress<T>(
  listener: ((value: T) => void) | undefined,
  intervalMs: number,
  now: Clock,
): ProgressThrottle<T> {
  let last: number | undefined;
  const emit = (value: T) => {
    last = now();
    listener?.(value);
  };
  return {
    report(value) {
      if (!listener) return;
      if (last === undefined || now() - last >= intervalMs) emit(value);
    },
    flush(value) {
      if (listener) emit(value);
    },
  };
}
