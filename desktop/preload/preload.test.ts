/** The preload, with `electron` replaced by a test double: what crosses into the page. */
import { describe, expect, it, vi } from 'vitest';

import type { TalemoBridge } from '../api/ipc-client';

const double = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed,
    invoked,
    listeners,
    module: {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, value: 'answer' });
        },
        on: (channel: string, listener: (...args: unknown[]) => void) => {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel)!.add(listener);
        },
        off: (channel: string, listener: (...args: unknown[]) => void) =>
          listeners.get(channel)?.delete(listener),
      },
    },
  };
});

vi.mock('electron', () => ({ ...double.module, default: double.module }));

describe('the preload', () => {
  it('should expose only window.talemo with call and onProgress, no raw IPC', async () => {
    await import('./index');
    expect([...double.exposed.keys()]).toEqual(['talemo']);
    const bridge = double.exposed.get('talemo') as TalemoBridge;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onProgress']);
    expect(await bridge.call('app.info', {}, 'job-1')).toEqual({ ok: true, value: 'answer' });
    expect(double.invoked).toEqual([['talemo:call', { method: 'app.info', input: {}, jobId: 'job-1' }]]);
  });

  it('should deliver progress events and stop when unsubscribed', async () => {
    await import('./index');
    const bridge = double.exposed.get('talemo') as TalemoBridge;
    const seen: unknown[] = [];
    const stop = bridge.onProgress((event) => seen.push(event));
    const event = { jobId: 'j', phase: 'reading', done: 1, total: 2 };
    for (const listener of double.listeners.get('talemo:progress') ?? []) listener({}, event);
    stop();
    for (const listener of double.listeners.get('talemo:progress') ?? []) listener({}, event);
    expect(seen).toEqual([event]);
  });
});
