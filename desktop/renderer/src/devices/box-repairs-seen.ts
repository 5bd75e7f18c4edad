/**
 * What Talemo tidied on each box, kept for this session until the parent dismisses it. Why kept
 * here: the repair runs on the first read of a box (often the "use this folder" check), and
 * every later read finds nothing left to tidy; the parent must still be told what was done.
 */
import { useCallback, useSyncExternalStore } from 'react';

import type { BoxInfo } from './use-box-info';

export type BoxRepair = BoxInfo['repairs'][number];

const NONE: readonly BoxRepair[] = [];
const seen = new Map<string, readonly BoxRepair[]>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

/** Adds what one read of the box repaired (nothing to add when it found the box tidy). */
export function rememberRepairs(root: string, repairs: readonly BoxRepair[]): void {
  if (repairs.length === 0) return;
  seen.set(root, [...(seen.get(root) ?? NONE), ...repairs]);
  changed();
}

export function useRememberedRepairs(root: string): [readonly BoxRepair[], () => void] {
  const repairs = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => seen.get(root) ?? NONE,
  );
  const dismiss = useCallback(() => {
    seen.delete(root);
    changed();
  }, [root]);
  return [repairs, dismiss];
}
